package br.com.healthmed.api.schedule;

import br.com.healthmed.api.doctor.DoctorId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record SlotPublishedEvent(DoctorId doctorId, SlotId slotId, Instant start, Instant end) {
}
