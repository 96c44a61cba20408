-- Each person key names the master key that wraps it, so that the master key can be rotated without downtime
-- (issue 9 item 13, ADR 0026): readers unwrap with the key the row names, the command side wraps new keys with the
-- current one, and a job re-wraps the rows still on a retired key. Every row so far was wrapped by the single
-- HEALTHMED_PRIVACY_MASTER_KEY, whose id is k1. The default stays, for a replica of the previous release inserting
-- during a rolling deploy: it knows only that key.
ALTER TABLE person_key ADD COLUMN key_id VARCHAR(32) NOT NULL DEFAULT 'k1';
-- What the rotation looks for and counts: live keys by master key (tombstones have no wrapped key to re-wrap).
CREATE INDEX person_key_live_by_master_key ON person_key (key_id, subject_id) WHERE wrapped_key IS NOT NULL;
