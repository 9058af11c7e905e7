-- Revenue and tokens in creator analytics (docs/marketplace.md): purchases and renewals carry the amount paid,
-- refunds the amount given back, 'reward' facts the tokens reward-service credited (negative when a refund reversed
-- them). Amounts are minor units of `currency` (one currency per pack: its price's).
ALTER TABLE pack_fact DROP CONSTRAINT pack_fact_kind_check;
ALTER TABLE pack_fact ADD CONSTRAINT pack_fact_kind_check
    CHECK (kind IN ('claim', 'purchase', 'renewal', 'refund', 'reward', 'play', 'completion', 'rating'));
ALTER TABLE pack_fact
    ADD COLUMN amount_minor BIGINT,
    ADD COLUMN currency     TEXT,
    ADD COLUMN tokens       BIGINT;
