package br.com.healthmed.api.appointment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The caller's signalling connection to the appointment's video room opened. */
public record JoinConsultationCommand(@TargetAggregateIdentifier AppointmentId appointmentId) {
}
