-- Axon's JDBC event store, token store and snapshots, in snake_case with BYTEA payloads.
CREATE TABLE domain_event_entry (
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
    CONSTRAINT domain_event_entry_aggregate_sequence UNIQUE (aggregate_identifier, sequence_number),
    CONSTRAINT domain_event_entry_event_identifier UNIQUE (event_identifier)
);

CREATE TABLE snapshot_event_entry (
    aggregate_identifier VARCHAR(255) NOT NULL,
    sequence_number      BIGINT       NOT NULL,
    type                 VARCHAR(255) NOT NULL,
    event_identifier     VARCHAR(255) NOT NULL,
    meta_data            BYTEA,
    payload              BYTEA        NOT NULL,
    payload_revision     VARCHAR(255),
    payload_type         VARCHAR(255) NOT NULL,
    time_stamp           VARCHAR(255) NOT NULL,
    PRIMARY KEY (aggregate_identifier, sequence_number),
    CONSTRAINT snapshot_event_entry_event_identifier UNIQUE (event_identifier)
);

CREATE TABLE token_entry (
    processor_name VARCHAR(255) NOT NULL,
    segment        INTEGER      NOT NULL,
    token          BYTEA,
    token_type     VARCHAR(255),
    timestamp      VARCHAR(255),
    owner          VARCHAR(255),
    PRIMARY KEY (processor_name, segment)
);

-- One data key per person, wrapped with the master key. Deleting a row shreds that person's data in every event.
CREATE TABLE person_key (
    subject_id  UUID        NOT NULL PRIMARY KEY,
    wrapped_key BYTEA       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Credentials stay out of the event store: hashes must be deletable and never replayed.
CREATE TABLE account (
    account_id    UUID         NOT NULL PRIMARY KEY,
    role          VARCHAR(16)  NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Login names and uniqueness claims, as HMACs of the normalised value (e-mail, CPF, CRM+UF), never in clear.
CREATE TABLE login_identifier (
    kind       VARCHAR(32) NOT NULL,
    digest     VARCHAR(64) NOT NULL,
    account_id UUID        NOT NULL REFERENCES account (account_id) ON DELETE CASCADE,
    PRIMARY KEY (kind, digest)
);
CREATE INDEX login_identifier_account ON login_identifier (account_id);

-- Which doctor's schedule owns a slot, so that a request naming only the slot reaches the right aggregate.
CREATE TABLE slot_directory (
    slot_id   UUID NOT NULL PRIMARY KEY,
    doctor_id UUID NOT NULL
);
