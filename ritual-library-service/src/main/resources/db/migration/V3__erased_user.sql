-- People erased from the library (docs/privacy.md), as SHA-256("user:" + id) only, never the id: a content.ready that
-- was already on its way when the erasure ran must not bring an item back.
CREATE TABLE erased_user (
    user_hash TEXT PRIMARY KEY,
    erased_at TIMESTAMP WITH TIME ZONE NOT NULL
);
