package br.com.healthmed.api.patient;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ends a registration still unconfirmed after its time; a no-op for a confirmed, erased or not yet expired one. */
public record ExpirePatientRegistrationCommand(@TargetAggregateIdentifier PatientId patientId) {
}
