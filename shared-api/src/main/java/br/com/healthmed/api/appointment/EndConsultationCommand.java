package br.com.healthmed.api.appointment;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The appointment's doctor closes the video room; a consultation both attended completes the appointment. */
public record EndConsultationCommand(@TargetAggregateIdentifier AppointmentId appointmentId) {
}
