package br.com.healthmed.api.schedule;

import br.com.healthmed.api.doctor.DoctorId;
import org.axonframework.serialization.Revision;

/**
 * A slot left this schedule for the day schedule {@code to}, after the {@link SlotMovedEvent} that gave it a start on
 * that day. Projections need not react: the move itself is the {@code SlotMovedEvent}.
 */
@Revision("1")
public record SlotMovedOutEvent(DoctorId doctorId, SlotId slotId, DayScheduleId to) {
}
