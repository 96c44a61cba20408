package br.com.healthmed.command.doctor;

import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.schedule.DayScheduleId;
import br.com.healthmed.api.schedule.SlotId;

import java.util.Optional;

/**
 * Which doctor, and which of their schedules, owns a slot, so that a request naming only the slot reaches the right
 * aggregate. Kept in the same transaction as the events, so a published slot is found at once, a moved one is found
 * where it went and a removed one is gone at once.
 */
public interface SlotDirectory {

    Optional<Owner> ownerOf(SlotId slotId);

    /** {@code schedule} is null for a slot kept in the doctor's own stream (published before day schedules). */
    record Owner(DoctorId doctorId, DayScheduleId schedule) {

        public boolean legacy() {
            return schedule == null;
        }
    }
}
