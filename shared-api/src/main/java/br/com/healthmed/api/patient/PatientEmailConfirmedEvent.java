package br.com.healthmed.api.patient;

import org.axonframework.serialization.Revision;

/** The patient proved they receive mail at the registered address: the account may log in. */
@Revision("1")
public record PatientEmailConfirmedEvent(PatientId patientId) {
}
