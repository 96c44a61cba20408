package br.com.healthmed.api.appointment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sent by the appointment's lifecycle when a request's answer is overdue; a request already answered stays as it is. */
public record ExpireAppointmentCommand(@TargetAggregateIdentifier AppointmentId appointmentId) {
}
