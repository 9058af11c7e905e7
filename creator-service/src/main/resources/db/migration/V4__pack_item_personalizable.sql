-- A pack item its creator lets buyers personalize (docs/marketplace.md, "Personalize a bought practice"): carried as
-- `personalizable` in every published revision's items (pack.published / pack.updated). Off by default.
ALTER TABLE pack_item ADD COLUMN personalizable BOOLEAN NOT NULL DEFAULT FALSE;
