package br.com.healthmed.api.appointment;

import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.patient.PatientId;
import org.axonframework.serialization.Revision;

/**
 * The doctor closed the video room. {@code held} when both the doctor and the patient were in it at some point: only
 * then does the consultation count as having taken place.
 */
@Revision("1")
public record ConsultationEndedEvent(AppointmentId appointmentId, DoctorId doctorId, PatientId patientId, boolean held) {
}
