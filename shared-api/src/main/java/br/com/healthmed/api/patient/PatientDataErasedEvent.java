package br.com.healthmed.api.patient;

import org.axonframework.serialization.Revision;

/** The patient's key was shredded: every sealed value of theirs, in every event, is now unreadable. */
@Revision("1")
public record PatientDataErasedEvent(PatientId patientId) {
}
