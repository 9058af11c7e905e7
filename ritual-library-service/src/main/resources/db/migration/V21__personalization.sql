-- Personalizing a bought practice (docs/library.md, "Personalize a pack item"; docs/marketplace.md).
--
-- pack_item_version.personalizable: the creator's choice, as each pack revision announced it (pack.published /
-- pack.updated); the latest revision that has the item decides.
ALTER TABLE pack_item_version ADD COLUMN personalizable BOOLEAN NOT NULL DEFAULT FALSE;

-- A personalized item is the buyer's own (source 'own': editable, re-voiceable, kept when pack access ends), linked
-- to the pack it was made from and to the pack item of their library it re-made.
ALTER TABLE content_item
    ADD COLUMN source_pack_id    UUID,
    ADD COLUMN personalized_from UUID;

-- One row per personalization asked for. id is the idempotency key content-generation derives its job from
-- ("personalize:{id}"), so asking again with the same row never holds credits twice. content_id is the new item (the
-- job's id) once content-generation answered; the row is 'starting' until then, 'generating' until content.ready
-- ('ready') or generation.failed ('failed'). request_hash: the name, voice and pace asked, to tell a repeat from a
-- different request.
CREATE TABLE personalization (
    id              UUID PRIMARY KEY,
    user_id         UUID NOT NULL,
    source_item_id  UUID NOT NULL,
    pack_id         UUID NOT NULL,
    pack_item_id    UUID NOT NULL,
    idempotency_key TEXT,
    request_hash    TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('starting', 'generating', 'ready', 'failed')),
    content_id      UUID,
    job_id          UUID,
    cost            INT,
    estimated_time  INT,
    failure_reason  TEXT,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    UNIQUE (user_id, idempotency_key)
);
CREATE INDEX personalization_content_idx ON personalization (content_id);
CREATE INDEX personalization_source_idx ON personalization (user_id, source_item_id, created_at DESC);
