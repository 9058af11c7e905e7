-- Account erasure requests (docs/privacy.md). The person's id is stored only as a SHA-256 hash: the account row is
-- deleted when the request is accepted, and this receipt must not keep the person findable. Each participating
-- service confirms with user.deleted.{service}; the request is complete when nothing is pending.
CREATE TABLE account_deletion (
    id            UUID PRIMARY KEY,
    user_hash     TEXT NOT NULL UNIQUE,
    requested_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    pending       TEXT[] NOT NULL,
    confirmations JSONB NOT NULL DEFAULT '{}'::jsonb,
    completed_at  TIMESTAMP WITH TIME ZONE
);
