package br.com.healthmed.api.schedule;

import br.com.healthmed.api.doctor.DoctorId;
import org.axonframework.serialization.Revision;

/** The previous day's slot no longer reaches into this day (it moved or was removed). Projections need not react. */
@Revision("1")
public record SlotOverhangRemovedEvent(DoctorId doctorId, SlotId slotId) {
}
