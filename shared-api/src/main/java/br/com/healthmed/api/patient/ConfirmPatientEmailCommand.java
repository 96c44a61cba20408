package br.com.healthmed.api.patient;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sent once the confirmation token mailed to the patient was spent: the address is theirs. */
public record ConfirmPatientEmailCommand(@TargetAggregateIdentifier PatientId patientId) {
}
