-- Paid checkout (docs/payments.md): Checkout sessions (Stripe or the offline sandbox), Stripe's webhook events stored
-- once by id and handled afterwards from the stored row, subscriptions, refunds, and what erasure keeps.

ALTER TABLE pack_offer ADD COLUMN title TEXT;

CREATE TABLE checkout_session (
    id                    TEXT PRIMARY KEY,                 -- the provider's session id (cs_...)
    user_id               UUID,                             -- null once the person is erased
    kind                  TEXT NOT NULL CHECK (kind IN ('pack', 'credit_pack')),
    pack_id               UUID,
    pack_revision         INT,
    creator_id            UUID,
    title                 TEXT NOT NULL,
    credit_pack           TEXT,
    credits               INT,
    price_type            TEXT NOT NULL,
    subscription_interval TEXT,
    amount_minor          BIGINT NOT NULL CHECK (amount_minor > 0),
    currency              TEXT NOT NULL,
    provider              TEXT NOT NULL CHECK (provider IN ('stripe', 'sandbox')),
    checkout_url          TEXT NOT NULL,
    success_url           TEXT,
    cancel_url            TEXT,
    status                TEXT NOT NULL CHECK (status IN ('open', 'completed', 'expired')),
    attempt               INT NOT NULL,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    closed_at             TIMESTAMP WITH TIME ZONE
);
CREATE INDEX checkout_session_user_idx ON checkout_session (user_id, kind, pack_id, credit_pack);

-- every verified webhook event, once (Stripe's evt_ id); handled_at set when its effects are committed
CREATE TABLE webhook_event (
    id              TEXT PRIMARY KEY,
    type            TEXT NOT NULL,
    payload         TEXT,
    received_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    handled_at      TIMESTAMP WITH TIME ZONE,
    attempts        INT NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error      TEXT
);
CREATE INDEX webhook_event_due_idx ON webhook_event (next_attempt_at) WHERE handled_at IS NULL;

CREATE TABLE subscription (
    id                       UUID PRIMARY KEY,
    user_id                  UUID,
    person_hash              TEXT,
    pack_id                  UUID NOT NULL,
    creator_id               UUID NOT NULL,
    provider                 TEXT NOT NULL,
    provider_subscription_id TEXT NOT NULL UNIQUE,
    subscription_interval    TEXT NOT NULL,
    amount_minor             BIGINT NOT NULL,
    currency                 TEXT NOT NULL,
    status                   TEXT NOT NULL CHECK (status IN ('active', 'ended')),
    current_period_end       TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at                 TIMESTAMP WITH TIME ZONE
);
CREATE INDEX subscription_user_idx ON subscription (user_id, pack_id);

ALTER TABLE payment DROP CONSTRAINT payment_provider_check;
ALTER TABLE payment ADD CONSTRAINT payment_provider_check CHECK (provider IN ('none', 'stripe', 'sandbox'));
ALTER TABLE payment DROP CONSTRAINT payment_status_check;
ALTER TABLE payment ADD CONSTRAINT payment_status_check CHECK (status IN ('succeeded', 'partially_refunded', 'refunded'));
ALTER TABLE payment ALTER COLUMN user_id DROP NOT NULL;
ALTER TABLE payment ADD COLUMN person_hash TEXT;
ALTER TABLE payment ADD COLUMN session_id TEXT;
ALTER TABLE payment ADD COLUMN subscription_id UUID;
ALTER TABLE payment ADD COLUMN provider_payment_intent TEXT;
ALTER TABLE payment ADD COLUMN refunded_minor BIGINT NOT NULL DEFAULT 0;
ALTER TABLE payment ADD COLUMN refunded_at TIMESTAMP WITH TIME ZONE;
-- one payment per provider object (a Checkout session, a renewal's invoice): a repeated webhook finds it
CREATE UNIQUE INDEX payment_provider_reference_uq ON payment (provider, provider_reference) WHERE provider_reference IS NOT NULL;
CREATE INDEX payment_intent_idx ON payment (provider_payment_intent) WHERE provider_payment_intent IS NOT NULL;
-- a person owns a one-time or free pack once; subscriptions (and their renewals) are tracked by subscription
DROP INDEX payment_user_pack_uq;
CREATE UNIQUE INDEX payment_user_pack_uq ON payment (user_id, pack_id)
    WHERE kind = 'pack' AND status = 'succeeded' AND subscription_id IS NULL;

CREATE TABLE refund (
    id            UUID PRIMARY KEY,
    payment_id    UUID NOT NULL REFERENCES payment (id),
    provider_key  TEXT NOT NULL UNIQUE,                     -- the charge id and its cumulative refunded amount
    amount_minor  BIGINT NOT NULL CHECK (amount_minor > 0),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
