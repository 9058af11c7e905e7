-- The full transcript and the final state of every intake conversation (the live state is in Redis).
CREATE TABLE conversation (
    id                  UUID PRIMARY KEY,
    user_id             UUID NOT NULL,
    session_id          TEXT NOT NULL UNIQUE,
    content_type        TEXT NOT NULL CHECK (content_type IN ('affirmation', 'guided_meditation', 'ritual')),
    messages            JSONB NOT NULL DEFAULT '[]',
    state               JSONB NOT NULL,
    outcome             TEXT CHECK (outcome IN ('completed', 'cancelled', 'support')),
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    completed_at        TIMESTAMP WITH TIME ZONE,
    resulting_ritual_id UUID
);
CREATE INDEX conversation_user_idx ON conversation (user_id, created_at DESC);
