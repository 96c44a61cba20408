package br.com.healthmed.command.doctor;

import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.common.TimeRange;
import br.com.healthmed.api.schedule.SlotId;

import java.time.Instant;

/** One slot of a schedule; {@code heldBy} is the active appointment that holds it, or null when it is free. */
record Slot(SlotId id, Instant start, Instant end, AppointmentId heldBy) {

    static Slot free(SlotId id, Instant start, Instant end) {
        return new Slot(id, start, end, null);
    }

    TimeRange range() {
        return new TimeRange(start, end);
    }

    boolean held() {
        return heldBy != null;
    }

    Slot heldFor(AppointmentId appointmentId) {
        return new Slot(id, start, end, appointmentId);
    }

    Slot released() {
        return new Slot(id, start, end, null);
    }

    Slot movedTo(Instant newStart, Instant newEnd) {
        return new Slot(id, newStart, newEnd, heldBy);
    }
}
