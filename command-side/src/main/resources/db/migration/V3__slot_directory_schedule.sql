-- The aggregate that owns a slot (ADR 0011): the day schedule '<doctorId>:<yyyy-mm-dd>' of its start, or NULL for a
-- slot published before day schedules, which stays in its doctor's own stream.
ALTER TABLE slot_directory ADD COLUMN schedule_id VARCHAR(64);
