-- Accounts, roles, refresh-token families and the JWT signing keys.
CREATE TABLE app_user (
    id                    UUID PRIMARY KEY,
    email                 TEXT NOT NULL,
    password_hash         TEXT NOT NULL,
    tier                  TEXT NOT NULL DEFAULT 'free' CHECK (tier IN ('free', 'paid')),
    pref_voice_id         TEXT,
    pref_pace             TEXT NOT NULL DEFAULT 'moderate',
    pref_tone             TEXT NOT NULL DEFAULT 'warm',
    pref_language         TEXT NOT NULL DEFAULT 'en-US',
    pref_background_sound TEXT NOT NULL DEFAULT 'none',
    pref_time_zone        TEXT NOT NULL DEFAULT 'UTC',
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    version               BIGINT NOT NULL DEFAULT 0
);
-- emails are stored normalized (trimmed, lower-case); uniqueness is enforced here, not only in code
CREATE UNIQUE INDEX app_user_email_uq ON app_user (email);

CREATE TABLE user_role (
    user_id UUID NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    role    TEXT NOT NULL CHECK (role IN ('user', 'creator', 'admin')),
    PRIMARY KEY (user_id, role)
);

-- Opaque refresh tokens: only a SHA-256 hash is stored. Every refresh rotates the token within its family;
-- presenting a token that was already rotated revokes the whole family.
CREATE TABLE refresh_token (
    id          UUID PRIMARY KEY,
    family_id   UUID NOT NULL,
    user_id     UUID NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    token_hash  TEXT NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    rotated_at  TIMESTAMP WITH TIME ZONE,
    revoked_at  TIMESTAMP WITH TIME ZONE,
    revoked_reason TEXT
);
CREATE UNIQUE INDEX refresh_token_hash_uq ON refresh_token (token_hash);
CREATE INDEX refresh_token_family_idx ON refresh_token (family_id);
CREATE INDEX refresh_token_user_idx ON refresh_token (user_id);

-- RS256 signing keys. One is active (signs); retired keys stay published in the JWKS until every token
-- they signed has expired, so a rotation logs nobody out.
CREATE TABLE signing_key (
    kid         TEXT PRIMARY KEY,
    private_key TEXT NOT NULL,
    public_key  TEXT NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    retired_at  TIMESTAMP WITH TIME ZONE
);
CREATE UNIQUE INDEX signing_key_one_active ON signing_key ((retired_at IS NULL)) WHERE retired_at IS NULL;
