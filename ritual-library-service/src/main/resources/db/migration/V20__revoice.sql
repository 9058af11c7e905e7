-- Script edits and re-voicing (docs/library.md, "Re-voice and script edit").
--
-- pending_script: the person's edited script, waiting to be voiced (one per item). It moves into the re-voice that
-- voices it, and comes back if that re-voice fails.
CREATE TABLE pending_script (
    content_item_id UUID PRIMARY KEY REFERENCES content_item (id) ON DELETE CASCADE,
    user_id         UUID NOT NULL,
    -- [{"text", "pause_after"}], validated by the library
    segments        JSONB NOT NULL CHECK (jsonb_typeof(segments) = 'array'),
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One row per version a re-voice asked content-generation for. It runs while its version is above the item's current
-- one and it has not failed; content.ready of that version makes it current (content_item.version).
CREATE TABLE revoice (
    content_item_id UUID NOT NULL REFERENCES content_item (id) ON DELETE CASCADE,
    version         INT NOT NULL CHECK (version >= 2),
    user_id         UUID NOT NULL,
    -- content-generation's job (null until it answered)
    job_id          UUID,
    voice_id        TEXT,
    pace            TEXT,
    -- the edited segments this re-voice voices (null: the item's current script)
    segments        JSONB,
    status          TEXT NOT NULL CHECK (status IN ('running', 'failed')),
    failure_reason  TEXT,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (content_item_id, version)
);
CREATE INDEX revoice_job_idx ON revoice (job_id);
CREATE INDEX revoice_user_idx ON revoice (user_id);
