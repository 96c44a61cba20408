package br.com.healthmed.api.appointment;

import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.patient.PatientId;
import org.axonframework.serialization.Revision;

/** The first participant entered the appointment's video room. Times only: nothing of the call is recorded. */
@Revision("1")
public record ConsultationStartedEvent(AppointmentId appointmentId, DoctorId doctorId, PatientId patientId) {
}
