-- Account lifecycle (ADR 0020). A deactivated account keeps its credential and login names (so nobody else can claim
-- them) but cannot log in or refresh; NULL means active.
ALTER TABLE account ADD COLUMN deactivated_at TIMESTAMPTZ;
CREATE INDEX account_active_role ON account (role) WHERE deactivated_at IS NULL;

-- The appointments still REQUESTED or ACCEPTED, kept by the account-closure processor from the events, so that erasing
-- a patient or deactivating a doctor finds every appointment to cancel without reading the event store.
CREATE TABLE open_appointment (
    appointment_id UUID        NOT NULL PRIMARY KEY,
    doctor_id      UUID        NOT NULL,
    patient_id     UUID        NOT NULL
);
CREATE INDEX open_appointment_doctor ON open_appointment (doctor_id);
CREATE INDEX open_appointment_patient ON open_appointment (patient_id);
