-- Creator profiles, packs with their ordered items and immutable published revisions, and the analytics facts
-- projected from other services' events (docs/marketplace.md).

-- id is the creator's user id; display_name_key (lower-cased, trimmed) makes names unique case-insensitively
CREATE TABLE creator_profile (
    id               UUID PRIMARY KEY,
    display_name     TEXT NOT NULL,
    display_name_key TEXT NOT NULL UNIQUE,
    bio              TEXT,
    avatar_url       TEXT,
    links            JSONB NOT NULL DEFAULT '[]',
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

-- price_amount_minor: integer minor units of currency (cents); revision: the last published revision (0: never)
CREATE TABLE pack (
    id                    UUID PRIMARY KEY,
    creator_id            UUID NOT NULL,
    status                TEXT NOT NULL CHECK (status IN ('draft', 'published', 'archived')),
    title                 TEXT NOT NULL,
    description           TEXT NOT NULL DEFAULT '',
    price_type            TEXT NOT NULL CHECK (price_type IN ('free', 'one_time', 'subscription')),
    price_amount_minor    BIGINT NOT NULL CHECK (price_amount_minor >= 0),
    currency              TEXT NOT NULL,
    subscription_interval TEXT CHECK (subscription_interval IN ('monthly', 'annual')),
    tags                  TEXT[] NOT NULL DEFAULT '{}',
    cover_url             TEXT,
    revision              INT NOT NULL DEFAULT 0 CHECK (revision >= 0),
    creator_erased        BOOLEAN NOT NULL DEFAULT FALSE,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    published_at          TIMESTAMP WITH TIME ZONE,
    archived_at           TIMESTAMP WITH TIME ZONE
);
CREATE INDEX pack_creator_idx ON pack (creator_id, created_at DESC, id DESC);

-- the pack's current ordered items; the snapshot_* columns hold the immutable copy made when the item was first
-- published (script, metadata and the audio key under packs/{pack_id}/{item_id}/{revision}.mp3), null while draft
CREATE TABLE pack_item (
    id                UUID PRIMARY KEY,
    pack_id           UUID NOT NULL REFERENCES pack (id) ON DELETE CASCADE,
    content_id        UUID NOT NULL,
    position          INT NOT NULL CHECK (position >= 1),
    snapshot          JSONB,
    snapshot_revision INT,
    UNIQUE (pack_id, content_id)
);
CREATE INDEX pack_item_pack_idx ON pack_item (pack_id, position);

-- what each published revision was, exactly as pack.published/pack.updated sent it (immutable)
CREATE TABLE pack_revision (
    pack_id      UUID NOT NULL REFERENCES pack (id) ON DELETE CASCADE,
    revision     INT NOT NULL,
    payload      JSONB NOT NULL,
    published_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (pack_id, revision)
);

-- analytics facts, one row per event (kind claim|purchase|play|completion|rating), never another schema's rows;
-- person_hash is SHA-256("user:" + id): counts unique practitioners without keeping who they are
CREATE TABLE pack_fact (
    event_id    UUID PRIMARY KEY,
    pack_id     UUID NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('claim', 'purchase', 'play', 'completion', 'rating')),
    person_hash TEXT,
    rating      INT,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX pack_fact_pack_idx ON pack_fact (pack_id, occurred_at);

-- the latest average rating and count of each pack (pack.rated carries them)
CREATE TABLE pack_rating (
    pack_id        UUID PRIMARY KEY,
    average_rating NUMERIC(3, 2) NOT NULL,
    review_count   INT NOT NULL,
    rated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
