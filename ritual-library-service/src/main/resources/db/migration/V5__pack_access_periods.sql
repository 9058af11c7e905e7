-- Paid access that ends (docs/marketplace.md): a subscription's grant lasts until the end of its paid period
-- (access_until, extended by renewals, kept after the subscription ends), and a refunded purchase is revoked
-- (revoked_at). Access is checked at read time: a grant is active when it is not revoked and its access_until, if
-- any, is still ahead. pack_refund remembers refunded payments, so a refund that overtakes its payment still wins.

ALTER TABLE pack_grant DROP CONSTRAINT pack_grant_source_check;
ALTER TABLE pack_grant ADD CONSTRAINT pack_grant_source_check CHECK (source IN ('claim', 'purchase', 'subscription'));
ALTER TABLE pack_grant
    ADD COLUMN subscription_id UUID,
    ADD COLUMN access_until    TIMESTAMP WITH TIME ZONE,
    ADD COLUMN revoked_at      TIMESTAMP WITH TIME ZONE;

CREATE TABLE pack_refund (
    payment_id      UUID PRIMARY KEY,
    user_id         UUID NOT NULL,
    pack_id         UUID NOT NULL,
    subscription_id UUID,
    refunded_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX pack_refund_subscription_idx ON pack_refund (subscription_id) WHERE subscription_id IS NOT NULL;
