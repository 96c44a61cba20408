package br.com.healthmed.api.appointment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The appointment's patient agrees to a remote consultation; required before the patient's first join. */
public record RecordConsultationConsentCommand(@TargetAggregateIdentifier AppointmentId appointmentId) {
}
