package br.com.healthmed.api.appointment;

/** The result of accept, reject and cancel. */
public record AppointmentOutcome(AppointmentId appointmentId, AppointmentStatus status) {
}
