package br.com.healthmed.api.schedule;

import br.com.healthmed.api.doctor.DoctorId;
import org.axonframework.serialization.Revision;

@Revision("1")
public record SlotRemovedEvent(DoctorId doctorId, SlotId slotId) {
}
