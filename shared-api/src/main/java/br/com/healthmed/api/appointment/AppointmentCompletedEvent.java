package br.com.healthmed.api.appointment;

import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.patient.PatientId;
import org.axonframework.serialization.Revision;

/** An accepted appointment's time has ended. */
@Revision("1")
public record AppointmentCompletedEvent(AppointmentId appointmentId, DoctorId doctorId, PatientId patientId) {
}
