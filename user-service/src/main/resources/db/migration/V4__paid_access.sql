-- What makes a person's rate-limit tier 'paid' (docs/identity.md): a pack purchase in the last 30 days, or a
-- subscription whose paid period has not ended. One row per purchase (payment id) or subscription (subscription id);
-- paid_until is when it stops counting. The tier is decided when an access token is issued.
CREATE TABLE paid_access (
    source       TEXT NOT NULL CHECK (source IN ('purchase', 'subscription')),
    reference_id UUID NOT NULL,
    user_id      UUID NOT NULL,
    paid_until   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (source, reference_id)
);
CREATE INDEX paid_access_user_idx ON paid_access (user_id, paid_until);
