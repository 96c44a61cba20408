package br.com.healthmed.api.schedule;

import br.com.healthmed.api.doctor.DoctorId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A free slot now covers [start, end). */
@Revision("1")
public record SlotMovedEvent(DoctorId doctorId, SlotId slotId, Instant start, Instant end) {
}
