package br.com.healthmed.api.patient;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A new registration awaits the confirmation of its e-mail address until {@code expiresAt}; unconfirmed by then, it
 * expires and releases its e-mail and CPF. Patients registered before confirmation existed never had this event and
 * count as confirmed.
 */
@Revision("1")
public record PatientConfirmationRequestedEvent(PatientId patientId, Instant expiresAt) {
}
