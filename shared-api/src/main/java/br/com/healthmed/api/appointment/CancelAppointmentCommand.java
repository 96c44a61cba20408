package br.com.healthmed.api.appointment;

import br.com.healthmed.api.common.Justification;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The patient (REQUESTED or ACCEPTED) or the doctor (ACCEPTED) cancels, with a justification; the slot is freed. */
public record CancelAppointmentCommand(@TargetAggregateIdentifier AppointmentId appointmentId, Justification justification) {
}
