-- A person who never chose a pace has none (issue #16): content-generation then uses the default of the kind of
-- practice (Pace.forPractice: slower for guided meditation and sleep, slow for a ritual, moderate for affirmations).
-- Existing rows keep their 'moderate': a chosen 'moderate' cannot be told apart from the old default (docs/identity.md).
ALTER TABLE app_user ALTER COLUMN pref_pace DROP NOT NULL;
ALTER TABLE app_user ALTER COLUMN pref_pace SET DEFAULT NULL;
