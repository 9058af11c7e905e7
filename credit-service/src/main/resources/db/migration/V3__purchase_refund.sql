-- Refunds of credit-pack purchases (docs/credits.md): one row per refund (payment-service's refund_id). The credits
-- the refund takes back are reversed up to what is unspent, as an 'adjustment' ledger entry; `reversed` is how many
-- were, `credits` how many the refund covered. A refund that arrives before its purchase waits here (applied_at
-- null) and is applied when the purchase is recorded.
CREATE TABLE purchase_refund (
    refund_id   UUID PRIMARY KEY,
    payment_id  UUID NOT NULL,
    user_id     UUID NOT NULL,
    credits     INTEGER NOT NULL CHECK (credits >= 0),
    reversed    INTEGER NOT NULL DEFAULT 0 CHECK (reversed >= 0),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    applied_at  TIMESTAMP WITH TIME ZONE
);
CREATE INDEX purchase_refund_payment_idx ON purchase_refund (payment_id);
CREATE INDEX purchase_refund_user_idx ON purchase_refund (user_id);
