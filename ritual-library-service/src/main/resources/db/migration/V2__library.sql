-- The library: content items (the seed's Content Items table) with their audio versions, the person's folders,
-- share links, practice events (the seed's Practice Events table) and the pending S3 clean-ups.

CREATE TABLE folder (
    id         UUID PRIMARY KEY,
    user_id    UUID NOT NULL,
    name       TEXT NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX folder_user_name_uq ON folder (user_id, lower(name));

-- audio_key/audio_format/audio_size_bytes/audio_duration/version: the current version (the seed's audio_url is
-- never stored: a time-limited URL is signed for the object key on every read).
CREATE TABLE content_item (
    id               UUID PRIMARY KEY,
    user_id          UUID NOT NULL,
    content_type     TEXT NOT NULL CHECK (content_type IN ('affirmation', 'guided_meditation', 'ritual')),
    title            TEXT NOT NULL,
    content_text     TEXT NOT NULL,
    voice_id         TEXT,
    voice_name       TEXT,
    audio_key        TEXT NOT NULL,
    audio_format     TEXT NOT NULL,
    audio_size_bytes BIGINT,
    audio_duration   INT NOT NULL CHECK (audio_duration >= 0),
    version          INT NOT NULL CHECK (version >= 1),
    depth            TEXT CHECK (depth IN ('shallow', 'medium', 'deep')),
    tags             TEXT[] NOT NULL DEFAULT '{}',
    structure        JSONB,
    context          JSONB,
    metadata         JSONB NOT NULL DEFAULT '{}',
    folder_id        UUID REFERENCES folder (id) ON DELETE SET NULL,
    favorited_at     TIMESTAMP WITH TIME ZONE,
    edited_at        TIMESTAMP WITH TIME ZONE,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    last_played_at   TIMESTAMP WITH TIME ZONE,
    play_count       INT NOT NULL DEFAULT 0
);
CREATE INDEX content_item_user_newest_idx ON content_item (user_id, created_at DESC, id DESC);
CREATE INDEX content_item_tags_idx ON content_item USING gin (tags);
CREATE INDEX content_item_folder_idx ON content_item (folder_id) WHERE folder_id IS NOT NULL;

CREATE TABLE content_item_version (
    content_item_id UUID NOT NULL REFERENCES content_item (id) ON DELETE CASCADE,
    version         INT NOT NULL,
    audio_key       TEXT NOT NULL,
    duration        INT NOT NULL,
    format          TEXT NOT NULL,
    size_bytes      BIGINT,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (content_item_id, version)
);

-- only the SHA-256 of the token is kept: a leaked table does not give working links
CREATE TABLE share_link (
    id              UUID PRIMARY KEY,
    content_item_id UUID NOT NULL REFERENCES content_item (id) ON DELETE CASCADE,
    user_id         UUID NOT NULL,
    token_hash      TEXT NOT NULL UNIQUE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at      TIMESTAMP WITH TIME ZONE
);
CREATE INDEX share_link_item_idx ON share_link (content_item_id);

-- ritual_id has no foreign key on purpose: the history outlives a deleted item (docs/library.md)
CREATE TABLE practice_event (
    id            UUID PRIMARY KEY,
    user_id       UUID NOT NULL,
    ritual_id     UUID NOT NULL,
    content_type  TEXT NOT NULL,
    ritual_title  TEXT NOT NULL,
    started_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at  TIMESTAMP WITH TIME ZONE,
    duration      INT,
    metadata      JSONB NOT NULL DEFAULT '{}',
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX practice_event_user_started_idx ON practice_event (user_id, started_at DESC, id DESC);
CREATE INDEX practice_event_user_ritual_idx ON practice_event (user_id, ritual_id, started_at DESC);

-- S3 objects (kind 'object') or prefixes (kind 'prefix') still to delete: written in the transaction that deletes
-- the rows, removed once S3 confirmed the deletion; a scheduled job retries what failed (never silent orphans)
CREATE TABLE storage_cleanup (
    id              BIGSERIAL PRIMARY KEY,
    kind            TEXT NOT NULL CHECK (kind IN ('object', 'prefix')),
    object_key      TEXT NOT NULL,
    reason          TEXT NOT NULL,
    attempts        INT NOT NULL DEFAULT 0,
    last_error      TEXT,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX storage_cleanup_due_idx ON storage_cleanup (next_attempt_at);
