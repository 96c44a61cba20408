-- E-mail notifications (ADR 0013). Who to write to, as the notifications processor learnt it from the events: name and
-- e-mail stay sealed with the person's key, so an erased person's row can no longer be read, and nobody is mailed.
CREATE TABLE notification_contact (
    person_id UUID         NOT NULL PRIMARY KEY,
    name      TEXT         NOT NULL,
    email     TEXT         NOT NULL,
    time_zone VARCHAR(64)
);

-- One row per mail delivered: (event, kind) is sent at most once however often the event is handled again.
CREATE TABLE notification_sent (
    event_id VARCHAR(255) NOT NULL,
    kind     VARCHAR(64)  NOT NULL,
    sent_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (event_id, kind)
);

-- Axon's JDBC sequenced dead-letter queue, snake case; the columns and types are Axon's generic table's (timestamps as
-- ISO text, serialized data as BYTEA). Shared by every processing group that enables a dead-letter queue.
CREATE TABLE dead_letter_entry (
    dead_letter_id       VARCHAR(255)  NOT NULL PRIMARY KEY,
    processing_group     VARCHAR(255)  NOT NULL,
    sequence_identifier  VARCHAR(255)  NOT NULL,
    sequence_index       BIGINT        NOT NULL,
    message_type         VARCHAR(255)  NOT NULL,
    event_identifier     VARCHAR(255)  NOT NULL,
    time_stamp           VARCHAR(255)  NOT NULL,
    payload_type         VARCHAR(255)  NOT NULL,
    payload_revision     VARCHAR(255),
    payload              BYTEA         NOT NULL,
    meta_data            BYTEA,
    aggregate_type       VARCHAR(255),
    aggregate_identifier VARCHAR(255),
    sequence_number      BIGINT,
    token_type           VARCHAR(255),
    token                BYTEA,
    enqueued_at          VARCHAR(255)  NOT NULL,
    last_touched         VARCHAR(255),
    processing_started   VARCHAR(255),
    cause_type           VARCHAR(255),
    cause_message        VARCHAR(1023),
    diagnostics          BYTEA,
    CONSTRAINT dead_letter_entry_sequence UNIQUE (processing_group, sequence_identifier, sequence_index)
);
CREATE INDEX dead_letter_entry_group_idx ON dead_letter_entry (processing_group);
CREATE INDEX dead_letter_entry_sequence_idx ON dead_letter_entry (processing_group, sequence_identifier);
