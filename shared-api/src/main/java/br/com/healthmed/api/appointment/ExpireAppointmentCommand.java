package br.com.healthmed.api.appointment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Sent by the appointment's lifecycle when a request's answer is overdue; a request already answered stays as it is.
 * {@code start} is the start the overdue deadline was set for: a deadline of a time the appointment was moved away from
 * expires nothing. Null (deadlines scheduled before rescheduling existed) skips that check.
 */
public record ExpireAppointmentCommand(@TargetAggregateIdentifier AppointmentId appointmentId, Instant start) {

    public ExpireAppointmentCommand(AppointmentId appointmentId) {
        this(appointmentId, null);
    }
}
