package br.com.healthmed.api.appointment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The appointment's doctor accepts a REQUESTED appointment. */
public record AcceptAppointmentCommand(@TargetAggregateIdentifier AppointmentId appointmentId) {
}
