package br.com.healthmed.api.schedule;

import br.com.healthmed.api.doctor.DoctorId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A free slot moved from another schedule ({@code from}: a day schedule, or the doctor's id for a slot kept in the
 * doctor's own stream) and now covers [start, end) in this day. It keeps its id. Projections need not react: the
 * move itself is the {@link SlotMovedEvent} in the schedule it left.
 */
@Revision("1")
public record SlotMovedInEvent(DoctorId doctorId, SlotId slotId, Instant start, Instant end, String from) {
}
