-- People whose audio was erased (docs/privacy.md), so that an audio.requested still queued for them renders nothing.
-- Only sha256('user:' || id) is kept: it recognizes the id when it comes back and does not name the person.
CREATE TABLE erased_user (
    user_hash  TEXT                     PRIMARY KEY,
    erased_at  TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()
);
