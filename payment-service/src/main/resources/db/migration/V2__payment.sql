-- Payments (docs/marketplace.md): what each pack costs now (projected from creator-service's pack.* events, never
-- read from its schema) and every payment that succeeded. A free claim is a payment of 0 with provider 'none'.

CREATE TABLE pack_offer (
    pack_id               UUID PRIMARY KEY,
    creator_id            UUID NOT NULL,
    revision              INT NOT NULL,
    status                TEXT NOT NULL CHECK (status IN ('published', 'archived')),
    price_type            TEXT NOT NULL,
    price_amount_minor    BIGINT NOT NULL,
    currency              TEXT NOT NULL,
    subscription_interval TEXT,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE payment (
    id                 UUID PRIMARY KEY,
    user_id            UUID NOT NULL,
    kind               TEXT NOT NULL CHECK (kind IN ('pack', 'credit_pack')),
    pack_id            UUID,
    pack_revision      INT,
    creator_id         UUID,
    credit_pack        TEXT,
    credits            INT,
    price_type         TEXT,
    amount_minor       BIGINT NOT NULL CHECK (amount_minor >= 0),
    currency           TEXT NOT NULL,
    provider           TEXT NOT NULL CHECK (provider IN ('none', 'stripe')),
    provider_reference TEXT,
    status             TEXT NOT NULL CHECK (status IN ('succeeded', 'refunded')),
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL
);
-- a person owns a pack once: a second claim finds this row (idempotent), never a second payment
CREATE UNIQUE INDEX payment_user_pack_uq ON payment (user_id, pack_id) WHERE kind = 'pack' AND status = 'succeeded';
CREATE INDEX payment_user_idx ON payment (user_id, created_at DESC);
