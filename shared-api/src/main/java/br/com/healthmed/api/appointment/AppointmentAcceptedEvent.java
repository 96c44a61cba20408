package br.com.healthmed.api.appointment;

import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.patient.PatientId;
import org.axonframework.serialization.Revision;

@Revision("1")
public record AppointmentAcceptedEvent(AppointmentId appointmentId, DoctorId doctorId, PatientId patientId) {
}
