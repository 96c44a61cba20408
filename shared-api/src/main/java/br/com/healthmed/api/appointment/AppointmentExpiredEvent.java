package br.com.healthmed.api.appointment;

import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.patient.PatientId;
import br.com.healthmed.api.schedule.SlotId;
import org.axonframework.serialization.Revision;

/** The doctor did not answer a request in time; its slot and the patient's time were freed with it. */
@Revision("1")
public record AppointmentExpiredEvent(AppointmentId appointmentId, DoctorId doctorId, PatientId patientId, SlotId slotId) {
}
