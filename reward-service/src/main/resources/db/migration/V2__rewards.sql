-- The creators' token ledger (docs/rewards.md). Every value-moving command locks the creator's token_account row
-- (SELECT ... FOR UPDATE), so commands for one creator are serialized.
CREATE TABLE token_account (
    creator_id  UUID PRIMARY KEY,
    -- what the creator can pay out now: the sum of their token_entry amounts
    available   BIGINT NOT NULL DEFAULT 0 CHECK (available >= 0),
    -- tokens held by pending payout requests
    held        BIGINT NOT NULL DEFAULT 0 CHECK (held >= 0),
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Append-only. amount is the effect on `available`: purchase/renewal/practice/payout_release +, refund/payout -,
-- payout_paid 0 (a pending payout became final). creator_id is null and creator_hash set once the creator's account
-- is erased (accounting keeps amounts and dates, docs/privacy.md).
CREATE TABLE token_entry (
    id                UUID PRIMARY KEY,
    creator_id        UUID,
    creator_hash      TEXT,
    type              TEXT NOT NULL CHECK (type IN ('purchase', 'renewal', 'practice', 'refund', 'payout', 'payout_release',
                                                    'payout_paid')),
    amount            BIGINT NOT NULL,
    balance_after     BIGINT NOT NULL CHECK (balance_after >= 0),
    source_event_type TEXT,
    source_event_id   UUID,
    pack_id           UUID,
    payment_id        UUID,
    payout_id         UUID,
    idempotency_key   TEXT NOT NULL UNIQUE,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX token_entry_creator_idx ON token_entry (creator_id, created_at DESC, id);

-- Who owns which pack (pack.published / pack.updated): practice rewards need the pack's creator.
CREATE TABLE pack_owner (
    pack_id    UUID PRIMARY KEY,
    creator_id UUID NOT NULL
);

-- What each paid purchase or renewal earned, so that a refund reverses it in proportion.
CREATE TABLE purchase_reward (
    payment_id      UUID PRIMARY KEY,
    creator_id      UUID,
    creator_hash    TEXT,
    buyer_id        UUID,
    pack_id         UUID,
    amount_minor    BIGINT NOT NULL,
    tokens          BIGINT NOT NULL CHECK (tokens >= 0),
    reversed        BIGINT NOT NULL DEFAULT 0 CHECK (reversed >= 0),
    unrecovered     BIGINT NOT NULL DEFAULT 0 CHECK (unrecovered >= 0),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Refunds (payment.refunded), applied once; one that arrives before its purchase waits (applied_at null).
CREATE TABLE payment_refund (
    refund_id      UUID PRIMARY KEY,
    payment_id     UUID NOT NULL,
    amount_minor   BIGINT NOT NULL,
    refunded_minor BIGINT NOT NULL,
    event_id       UUID NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    applied_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX payment_refund_payment_idx ON payment_refund (payment_id);

-- Completed practices of pack items: rewarded, capped, the creator's own, or waiting for the pack's owner.
CREATE TABLE practice_reward (
    practice_event_id UUID PRIMARY KEY,
    event_id          UUID NOT NULL,
    user_id           UUID,
    pack_id           UUID NOT NULL,
    day               DATE NOT NULL,
    status            TEXT NOT NULL CHECK (status IN ('pending', 'rewarded', 'capped', 'self')),
    tokens            BIGINT NOT NULL DEFAULT 0,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX practice_reward_cap_idx ON practice_reward (user_id, pack_id, day) WHERE status = 'rewarded';
CREATE INDEX practice_reward_pending_idx ON practice_reward (pack_id) WHERE status = 'pending';

-- Payout requests: tokens held while pending, then paid (final) or rejected (released).
CREATE TABLE payout (
    id              UUID PRIMARY KEY,
    creator_id      UUID,
    creator_hash    TEXT,
    amount          BIGINT NOT NULL CHECK (amount > 0),
    status          TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'rejected')),
    idempotency_key TEXT,
    requested_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    resolved_at     TIMESTAMP WITH TIME ZONE,
    resolved_by     UUID,
    reason          TEXT
);
CREATE UNIQUE INDEX payout_idempotency_uq ON payout (creator_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX payout_creator_idx ON payout (creator_id, requested_at DESC);

-- Creators whose account was erased (ErasedUsers.hash): nothing is earned for them any more.
CREATE TABLE erased_creator (
    creator_hash TEXT PRIMARY KEY,
    erased_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
