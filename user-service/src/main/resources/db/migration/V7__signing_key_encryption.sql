-- Signing keys' private halves encrypted at rest (docs/identity.md, Keys): private_key holds the AES-GCM ciphertext
-- under a data key of its own, stored wrapped by the key-encryption key kek_id (SIGNING_KEY_ENCRYPTION_KEYS).
-- Rows from before (both null) hold the plaintext until user-service seals them at its next start-up.
ALTER TABLE signing_key
    ADD COLUMN wrapped_data_key TEXT,
    ADD COLUMN kek_id           TEXT,
    ADD CONSTRAINT signing_key_sealed_whole CHECK ((wrapped_data_key IS NULL) = (kek_id IS NULL));
