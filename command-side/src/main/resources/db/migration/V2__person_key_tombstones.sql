-- Shredding keeps a tombstone: a person erased stays erased, so nothing sealed for them later becomes readable.
ALTER TABLE person_key ALTER COLUMN wrapped_key DROP NOT NULL;
ALTER TABLE person_key ADD COLUMN shredded_at TIMESTAMPTZ;
