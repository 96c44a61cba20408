package br.com.healthmed.api.appointment;

import br.com.healthmed.api.patient.PatientId;
import org.axonframework.serialization.Revision;

/**
 * The patient agreed to hold this appointment as a remote consultation (CFM Resolution 2.314/2022); the time is the
 * event's timestamp.
 */
@Revision("1")
public record ConsultationConsentRecordedEvent(AppointmentId appointmentId, PatientId patientId) {
}
