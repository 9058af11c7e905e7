-- One generation job per confirmed conversation session (docs/generation.md). The job id is also the id of the
-- content item it produces (clients see it as ritual_id) and is derived from the session id, so a retried
-- request after a crash reuses the same id and credit-service's hold for it (idempotent by job id).
CREATE TABLE generation_job (
    id                UUID PRIMARY KEY,
    user_id           UUID NOT NULL,
    -- idempotency: one job per conversation session
    session_id        TEXT NOT NULL UNIQUE CHECK (length(session_id) BETWEEN 1 AND 100),
    content_type      TEXT NOT NULL CHECK (content_type IN ('affirmation', 'guided_meditation', 'ritual')),
    status            TEXT NOT NULL CHECK (status IN ('queued', 'writing', 'voicing', 'ready', 'failed')),
    progress          INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    -- credits held for this job by credit-service (its answer, not our own price list)
    cost              INTEGER NOT NULL CHECK (cost > 0),
    -- the confirmed slots as the conversation sent them (intent, context, duration_seconds, voice_id, ...)
    request           JSONB NOT NULL CHECK (jsonb_typeof(request) = 'object'),
    failure_reason    TEXT,
    estimated_seconds INTEGER NOT NULL CHECK (estimated_seconds > 0),
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    -- optimistic locking: the pipeline (issue #7) and event consumers never overwrite each other's transition
    version           BIGINT NOT NULL,
    CONSTRAINT generation_job_failed_has_reason CHECK ((status = 'failed') = (failure_reason IS NOT NULL)),
    CONSTRAINT generation_job_ready_is_complete CHECK (status <> 'ready' OR progress = 100)
);
-- a person's jobs (account deletion, history)
CREATE INDEX generation_job_user_idx ON generation_job (user_id, created_at DESC);
