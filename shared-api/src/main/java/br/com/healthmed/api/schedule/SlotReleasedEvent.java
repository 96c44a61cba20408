package br.com.healthmed.api.schedule;

import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.doctor.DoctorId;
import org.axonframework.serialization.Revision;

/** The appointment that held the slot was rejected or cancelled; the slot is free again. */
@Revision("1")
public record SlotReleasedEvent(DoctorId doctorId, SlotId slotId, AppointmentId appointmentId) {
}
