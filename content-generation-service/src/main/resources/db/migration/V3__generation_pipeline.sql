-- The generation pipeline (docs/generation.md): the written script, the audio that was produced, and the credit
-- settlement a job is waiting for.
--
-- settlement: what credit-service must still be told before the job may end. 'capture' once the audio is stored
-- (then ready), 'release' once the job cannot finish (then failed, with failure_code and pending_reason). The
-- remote call happens first and the terminal state is committed after it, so a job is never ready without its
-- credits captured nor failed with its credits still held; a settlement credit-service could not take is retried.
ALTER TABLE generation_job
    ADD COLUMN settlement       TEXT CHECK (settlement IN ('capture', 'release')),
    ADD COLUMN failure_code     TEXT CHECK (length(failure_code) <= 40),
    ADD COLUMN pending_reason   TEXT CHECK (length(pending_reason) <= 500),
    -- how often the writer started on this job (a job stuck in 'writing' after a crash is written again)
    ADD COLUMN writing_attempts INTEGER NOT NULL DEFAULT 0,
    -- the content item's version this job produces (1; a regeneration would produce the next one)
    ADD COLUMN content_version  INTEGER NOT NULL DEFAULT 1 CHECK (content_version > 0),
    -- what audio.completed reported (key, format, duration, size, bitrate, voice, ...), as received
    ADD COLUMN audio            JSONB CHECK (audio IS NULL OR jsonb_typeof(audio) = 'object'),
    ADD CONSTRAINT generation_job_settles_running CHECK (settlement IS NULL OR status IN ('queued', 'writing', 'voicing')),
    ADD CONSTRAINT generation_job_release_has_reason CHECK (settlement IS DISTINCT FROM 'release'
        OR (failure_code IS NOT NULL AND pending_reason IS NOT NULL)),
    ADD CONSTRAINT generation_job_capture_has_audio CHECK (settlement IS DISTINCT FROM 'capture' OR audio IS NOT NULL),
    ADD CONSTRAINT generation_job_ready_has_audio CHECK (status <> 'ready' OR audio IS NOT NULL);

-- the worker's and the sweepers' scans
CREATE INDEX generation_job_running_idx ON generation_job (status, created_at)
    WHERE status IN ('queued', 'writing', 'voicing');

-- The script a job's writer produced: what audio-generation voices and content.ready delivers.
CREATE TABLE generation_script (
    job_id            UUID PRIMARY KEY REFERENCES generation_job (id) ON DELETE CASCADE,
    title             TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    tags              JSONB NOT NULL CHECK (jsonb_typeof(tags) = 'array'),
    depth             TEXT NOT NULL CHECK (depth IN ('shallow', 'medium', 'deep')),
    -- the Script as JSON (title, content_type, sections[{kind, segments[{text, pause_after}]}], tags, depth, ...)
    structure         JSONB NOT NULL CHECK (jsonb_typeof(structure) = 'object'),
    plain_text        TEXT NOT NULL,
    voice_id          TEXT,
    -- composer, openai or anthropic
    writer            TEXT NOT NULL,
    words             INTEGER NOT NULL CHECK (words > 0),
    estimated_seconds DOUBLE PRECISION NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
