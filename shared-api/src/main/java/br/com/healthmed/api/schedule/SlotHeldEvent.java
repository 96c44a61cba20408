package br.com.healthmed.api.schedule;

import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.doctor.DoctorId;
import org.axonframework.serialization.Revision;

/** The slot is taken by an active appointment and leaves the public agenda. */
@Revision("1")
public record SlotHeldEvent(DoctorId doctorId, SlotId slotId, AppointmentId appointmentId) {
}
