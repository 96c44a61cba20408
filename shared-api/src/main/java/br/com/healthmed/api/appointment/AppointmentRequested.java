package br.com.healthmed.api.appointment;

import br.com.healthmed.api.common.Money;

/** The result of a successful request. */
public record AppointmentRequested(AppointmentId appointmentId, AppointmentStatus status, Money price) {
}
