-- Re-voicing an existing content item (docs/generation.md, "Re-voice"): a job may produce another version of an item
-- that already exists. content_id is the item (the job's own id for a creation), kind says which flow made the job.
-- A re-voice skips script writing (the library sends the script), and is free with an offline voice: cost 0, no hold.
ALTER TABLE generation_job
    ADD COLUMN content_id UUID,
    ADD COLUMN kind       TEXT NOT NULL DEFAULT 'create' CHECK (kind IN ('create', 'revoice'));
UPDATE generation_job SET content_id = id;
ALTER TABLE generation_job ALTER COLUMN content_id SET NOT NULL;
ALTER TABLE generation_job DROP CONSTRAINT generation_job_cost_check;
ALTER TABLE generation_job ADD CONSTRAINT generation_job_cost_check CHECK (cost > 0 OR (kind = 'revoice' AND cost = 0));
ALTER TABLE generation_job ADD CONSTRAINT generation_job_creation_is_its_content
    CHECK (kind = 'revoice' OR (content_id = id AND content_version = 1));
-- one job per version of an item
CREATE UNIQUE INDEX generation_job_content_version_uq ON generation_job (content_id, content_version);
-- the running re-voice of an item, if any
CREATE INDEX generation_job_content_idx ON generation_job (content_id, created_at DESC);
