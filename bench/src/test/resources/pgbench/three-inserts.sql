-- What one booking appends: the appointment's first event, the doctor's slot held, the patient's time blocked.
-- payload_len and meta_len come from bench/booking.sh (the average sizes of those events in the store).
\set sequence random(1, 10000)
BEGIN;
INSERT INTO bench.domain_event_entry (event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp,
    aggregate_identifier, sequence_number, type)
VALUES (gen_random_uuid()::text, convert_to(repeat('m', :meta_len), 'UTF8'), convert_to(repeat('p', :payload_len), 'UTF8'),
    '1', 'AppointmentRequestedEvent', now()::text, gen_random_uuid()::text, 0, 'Appointment');
INSERT INTO bench.domain_event_entry (event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp,
    aggregate_identifier, sequence_number, type)
VALUES (gen_random_uuid()::text, convert_to(repeat('m', :meta_len), 'UTF8'), convert_to(repeat('p', :payload_len), 'UTF8'),
    '1', 'SlotHeldEvent', now()::text, gen_random_uuid()::text, :sequence, 'Doctor');
INSERT INTO bench.domain_event_entry (event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp,
    aggregate_identifier, sequence_number, type)
VALUES (gen_random_uuid()::text, convert_to(repeat('m', :meta_len), 'UTF8'), convert_to(repeat('p', :payload_len), 'UTF8'),
    '1', 'PatientTimeBlockedEvent', now()::text, gen_random_uuid()::text, :sequence, 'Patient');
COMMIT;
