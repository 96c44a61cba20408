package br.com.healthmed.api.patient;

import br.com.healthmed.api.appointment.AppointmentId;
import org.axonframework.serialization.Revision;

/** The doctor accepted the appointment: its time stays blocked, but it is no longer one of the patient's pending requests. */
@Revision("1")
public record PatientTimeConfirmedEvent(PatientId patientId, AppointmentId appointmentId) {
}
