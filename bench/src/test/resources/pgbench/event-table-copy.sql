-- A copy of the event table (command-side V1 migration) in a schema of its own, for pgbench's three-INSERT
-- transactions: the same columns, primary key and unique constraints, so each INSERT maintains the same indexes as an
-- appended event does, and a sequence of its own, so the real store's global index is never advanced.
DROP SCHEMA IF EXISTS bench CASCADE;
CREATE SCHEMA bench;
CREATE TABLE bench.domain_event_entry (
    global_index         BIGSERIAL    NOT NULL,
    event_identifier     VARCHAR(255) NOT NULL,
    meta_data            BYTEA,
    payload              BYTEA        NOT NULL,
    payload_revision     VARCHAR(255),
    payload_type         VARCHAR(255) NOT NULL,
    time_stamp           VARCHAR(255) NOT NULL,
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255),
    PRIMARY KEY (global_index),
    CONSTRAINT bench_event_aggregate_sequence UNIQUE (aggregate_identifier, sequence_number),
    CONSTRAINT bench_event_identifier UNIQUE (event_identifier)
);
