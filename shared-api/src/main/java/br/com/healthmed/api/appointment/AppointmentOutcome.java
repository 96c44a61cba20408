package br.com.healthmed.api.appointment;

/** The result of accept, reject, cancel, no-show and reschedule. */
public record AppointmentOutcome(AppointmentId appointmentId, AppointmentStatus status) {
}
