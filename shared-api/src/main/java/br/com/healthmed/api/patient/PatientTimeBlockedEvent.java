package br.com.healthmed.api.patient;

import br.com.healthmed.api.appointment.AppointmentId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The patient's calendar now holds this appointment's time; no other active appointment may overlap it. */
@Revision("1")
public record PatientTimeBlockedEvent(PatientId patientId, AppointmentId appointmentId, Instant start, Instant end) {
}
