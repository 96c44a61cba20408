package br.com.healthmed.api.appointment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Whether the caller may enter the appointment's video room now; changes nothing. Sent before a room ticket is handed
 * out, so that a refusal is an ordinary problem answer rather than a failed WebSocket handshake.
 */
public record CheckConsultationAccessCommand(@TargetAggregateIdentifier AppointmentId appointmentId) {
}
