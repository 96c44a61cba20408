package br.com.healthmed.api.patient;

import org.axonframework.serialization.Revision;

/**
 * A registration nobody confirmed in time: its key was shredded and its e-mail and CPF released, so nobody can hold a
 * CPF by never confirming. Its sealed data is as unreadable as an erased patient's.
 */
@Revision("1")
public record PatientRegistrationExpiredEvent(PatientId patientId) {
}
