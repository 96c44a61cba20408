package br.com.healthmed.api.patient;

import br.com.healthmed.api.appointment.AppointmentId;
import org.axonframework.serialization.Revision;

/** The appointment ended its active life (rejected or cancelled); its time is free again in the patient's calendar. */
@Revision("1")
public record PatientTimeReleasedEvent(PatientId patientId, AppointmentId appointmentId) {
}
