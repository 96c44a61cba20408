-- LGPD read accountability: one row per patient whose personal data someone other than the patient was shown (an
-- auditor's appointment history, a doctor's views with patients' names). Ids only, never the data itself. The log is
-- append-only: the application has no update or delete path, and these triggers refuse both (and TRUNCATE). Only the
-- table's owner or a superuser could drop them; a separate owner role for this schema (issue 9 item 4) closes that.
CREATE TABLE personal_data_read (
    id          BIGINT       GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    read_at     TIMESTAMPTZ  NOT NULL,
    reader_id   UUID         NOT NULL,
    reader_role VARCHAR(16)  NOT NULL,
    patient_id  UUID         NOT NULL,
    resource    VARCHAR(512) NOT NULL,
    purpose     VARCHAR(32)  NOT NULL
);
CREATE INDEX personal_data_read_patient ON personal_data_read (patient_id, read_at);
CREATE INDEX personal_data_read_time ON personal_data_read (read_at);

CREATE FUNCTION personal_data_read_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'personal_data_read is append-only: % refused', TG_OP USING ERRCODE = 'restrict_violation';
END
$$;
CREATE TRIGGER personal_data_read_no_change BEFORE UPDATE OR DELETE ON personal_data_read
    FOR EACH ROW EXECUTE FUNCTION personal_data_read_append_only();
CREATE TRIGGER personal_data_read_no_truncate BEFORE TRUNCATE ON personal_data_read
    FOR EACH STATEMENT EXECUTE FUNCTION personal_data_read_append_only();
