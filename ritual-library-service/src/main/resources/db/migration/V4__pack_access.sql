-- Pack access (docs/marketplace.md): the published packs as creator-service announces them (pack.* events), the
-- immutable item versions of each revision, and who owns which pack (grants from claims and purchases). A person's
-- pack items are rows of their library (content_item with source 'pack'), pointing at the pack-owned audio under
-- packs/{pack_id}/{item_id}/{revision}.mp3, which is never deleted on their behalf.

CREATE TABLE pack (
    id         UUID PRIMARY KEY,
    creator_id UUID NOT NULL,
    revision   INT NOT NULL CHECK (revision >= 1),
    status     TEXT NOT NULL CHECK (status IN ('published', 'archived')),
    title      TEXT NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX pack_creator_idx ON pack (creator_id);

CREATE TABLE pack_item_version (
    pack_id          UUID NOT NULL,
    revision         INT NOT NULL,
    item_id          UUID NOT NULL,
    position         INT NOT NULL,
    title            TEXT NOT NULL,
    content_type     TEXT NOT NULL,
    practice_type    TEXT,
    duration         INT NOT NULL CHECK (duration >= 0),
    tags             TEXT[] NOT NULL DEFAULT '{}',
    content_text     TEXT NOT NULL,
    audio_key        TEXT NOT NULL,
    audio_format     TEXT NOT NULL,
    audio_size_bytes BIGINT,
    PRIMARY KEY (pack_id, revision, item_id)
);

-- revision: the pack revision whose items are in the person's library (null until that revision is known here)
CREATE TABLE pack_grant (
    user_id    UUID NOT NULL,
    pack_id    UUID NOT NULL,
    source     TEXT NOT NULL CHECK (source IN ('claim', 'purchase')),
    payment_id UUID,
    revision   INT,
    granted_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (user_id, pack_id)
);
CREATE INDEX pack_grant_pack_idx ON pack_grant (pack_id);

ALTER TABLE content_item
    ADD COLUMN source       TEXT NOT NULL DEFAULT 'own' CHECK (source IN ('own', 'pack')),
    ADD COLUMN pack_id      UUID,
    ADD COLUMN pack_item_id UUID,
    ADD COLUMN hidden_at    TIMESTAMP WITH TIME ZONE;
CREATE INDEX content_item_user_pack_idx ON content_item (user_id, pack_id) WHERE pack_id IS NOT NULL;

ALTER TABLE practice_event ADD COLUMN pack_id UUID;
