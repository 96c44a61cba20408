package br.com.healthmed.api.appointment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sent by the appointment's lifecycle when an accepted appointment's time has ended. */
public record CompleteAppointmentCommand(@TargetAggregateIdentifier AppointmentId appointmentId) {
}
