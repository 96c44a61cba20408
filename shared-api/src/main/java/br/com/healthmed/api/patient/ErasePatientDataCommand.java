package br.com.healthmed.api.patient;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** LGPD erasure: shreds the patient's key and login data; appointment facts stay, personal data becomes unreadable. */
public record ErasePatientDataCommand(@TargetAggregateIdentifier PatientId patientId) {
}
