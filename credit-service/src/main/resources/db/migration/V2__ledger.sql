-- The credit ledger. Every value-moving command locks the person's account row (SELECT ... FOR UPDATE),
-- so commands for one person are serialized and the checks below can never be raced.
CREATE TABLE credit_account (
    user_id            UUID PRIMARY KEY,
    -- what the person can spend now: the sum of every ledger entry's amount (holds are negative)
    available          INTEGER NOT NULL DEFAULT 0 CHECK (available >= 0),
    -- credits reserved by open holds
    held               INTEGER NOT NULL DEFAULT 0 CHECK (held >= 0),
    free_tier_granted  BOOLEAN NOT NULL DEFAULT FALSE,
    free_tier_used     BOOLEAN NOT NULL DEFAULT FALSE,
    last_entry_at      TIMESTAMP WITH TIME ZONE,
    created_at         TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Append-only. amount is the effect on `available`: grant/purchase/refund/release +, hold -, capture 0
-- (it turns a hold into a consumption), adjustment either way. balance_after is `available` afterwards.
CREATE TABLE ledger_entry (
    id              UUID PRIMARY KEY,
    user_id         UUID NOT NULL REFERENCES credit_account (user_id),
    type            TEXT NOT NULL CHECK (type IN ('grant', 'purchase', 'hold', 'capture', 'release', 'refund', 'adjustment')),
    amount          INTEGER NOT NULL,
    balance_after   INTEGER NOT NULL CHECK (balance_after >= 0),
    hold_id         UUID,
    content_type    TEXT,
    content_id      UUID,
    pack_id         TEXT,
    reason          TEXT,
    idempotency_key TEXT,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ledger_entry_user_created_idx ON ledger_entry (user_id, created_at DESC, id);
-- grants, purchases, refunds and adjustments carry an idempotency key; the same key never moves value twice
CREATE UNIQUE INDEX ledger_entry_idempotency_uq ON ledger_entry (idempotency_key) WHERE idempotency_key IS NOT NULL;
-- one hold, one capture and one release entry per hold at most
CREATE UNIQUE INDEX ledger_entry_hold_type_uq ON ledger_entry (hold_id, type) WHERE hold_id IS NOT NULL;

-- A reservation for one generation job: open until captured (success) or released (failure, expiry).
CREATE TABLE credit_hold (
    id              UUID PRIMARY KEY,
    job_id          UUID NOT NULL UNIQUE,
    user_id         UUID NOT NULL REFERENCES credit_account (user_id),
    amount          INTEGER NOT NULL CHECK (amount > 0),
    status          TEXT NOT NULL CHECK (status IN ('open', 'captured', 'released')),
    content_type    TEXT,
    content_id      UUID,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    resolved_at     TIMESTAMP WITH TIME ZONE,
    release_reason  TEXT,
    refunded        BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX credit_hold_open_expiry_idx ON credit_hold (expires_at) WHERE status = 'open';
CREATE INDEX credit_hold_user_idx ON credit_hold (user_id);
