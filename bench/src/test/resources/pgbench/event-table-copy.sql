-- A copy of the event table in a schema of its own, for pgbench's three-INSERT transactions: LIKE takes the real
-- table's columns, primary key and unique constraints from the database itself, so each INSERT maintains the same
-- indexes as an appended event does; the column default is not copied, so the copy gets a sequence of its own and
-- the real store's global index is never advanced.
DROP SCHEMA IF EXISTS bench CASCADE;
CREATE SCHEMA bench;
CREATE TABLE bench.domain_event_entry (LIKE public.domain_event_entry INCLUDING CONSTRAINTS INCLUDING INDEXES);
CREATE SEQUENCE bench.domain_event_entry_global_index OWNED BY bench.domain_event_entry.global_index;
ALTER TABLE bench.domain_event_entry ALTER COLUMN global_index SET DEFAULT nextval('bench.domain_event_entry_global_index');
