-- The catalog's projection of the marketplace (fed by creator-service's pack.* events) and what the catalog owns
-- itself: reviews and the activity it learns recommendations from. Elasticsearch holds only a search index rebuilt
-- from these tables (docs/catalog.md).

-- One row per pack ever announced. status: published (in the catalog) or archived (gone from it, a tombstone that
-- keeps a late, older revision from bringing it back). revision: the highest applied; older events are ignored.
CREATE TABLE pack (
    id                    UUID PRIMARY KEY,
    revision              INT NOT NULL,
    status                TEXT NOT NULL CHECK (status IN ('published', 'archived')),
    creator_id            UUID NOT NULL,
    creator_name          TEXT NOT NULL DEFAULT '',
    title                 TEXT NOT NULL DEFAULT '',
    description           TEXT NOT NULL DEFAULT '',
    price_type            TEXT NOT NULL DEFAULT 'free' CHECK (price_type IN ('free', 'one_time', 'subscription')),
    price_amount_minor    BIGINT NOT NULL DEFAULT 0 CHECK (price_amount_minor >= 0),
    currency              TEXT NOT NULL DEFAULT 'usd',
    subscription_interval TEXT CHECK (subscription_interval IN ('monthly', 'annual')),
    tags                  TEXT[] NOT NULL DEFAULT '{}',
    cover_url             TEXT,
    published_at          TIMESTAMP WITH TIME ZONE,
    archived_at           TIMESTAMP WITH TIME ZONE,
    rating_sum            BIGINT NOT NULL DEFAULT 0,
    review_count          INT NOT NULL DEFAULT 0,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX pack_by_updated_at ON pack (updated_at);
CREATE INDEX pack_by_creator ON pack (creator_id);

-- The published revision's items, in order (only what the catalog shows; the copies live in creator-service).
CREATE TABLE pack_item (
    pack_id       UUID NOT NULL REFERENCES pack (id) ON DELETE CASCADE,
    item_id       UUID NOT NULL,
    position      INT NOT NULL,
    title         TEXT NOT NULL,
    duration      INT NOT NULL DEFAULT 0,
    practice_type TEXT,
    content_type  TEXT,
    tags          TEXT[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (pack_id, item_id)
);
CREATE INDEX pack_item_by_item ON pack_item (item_id);

-- One review per person per pack; a second one replaces it.
CREATE TABLE review (
    pack_id    UUID NOT NULL REFERENCES pack (id) ON DELETE CASCADE,
    user_id    UUID NOT NULL,
    rating     SMALLINT NOT NULL CHECK (rating BETWEEN 1 AND 5),
    text       TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (pack_id, user_id)
);
CREATE INDEX review_by_user ON review (user_id);
CREATE INDEX review_by_pack_newest ON review (pack_id, updated_at DESC);

-- Recommendations' inputs: the person's own finished items (content.ready) and finished practices (practice.completed).
CREATE TABLE person_item (
    content_id   UUID PRIMARY KEY,
    user_id      UUID NOT NULL,
    content_type TEXT,
    title        TEXT,
    intent       TEXT,
    tags         TEXT[] NOT NULL DEFAULT '{}',
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX person_item_by_user ON person_item (user_id);

CREATE TABLE person_practice (
    practice_event_id UUID PRIMARY KEY,
    user_id           UUID NOT NULL,
    ritual_id         UUID NOT NULL,
    content_type      TEXT,
    pack_id           UUID,
    completed_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX person_practice_by_user ON person_practice (user_id, completed_at DESC);
