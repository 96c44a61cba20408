-- A deactivated doctor cannot be booked (ADR 0020): the booking reads that from booking_terms (ADR 0018), not from
-- the Doctor aggregate, so the table follows DoctorDeactivated / DoctorReactivated too.
ALTER TABLE booking_terms ADD COLUMN deactivated BOOLEAN NOT NULL DEFAULT FALSE;
