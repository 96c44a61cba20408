package br.com.healthmed.api.appointment;

import br.com.healthmed.api.common.Justification;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The appointment's doctor rejects a REQUESTED appointment, saying why; the slot is freed. */
public record RejectAppointmentCommand(@TargetAggregateIdentifier AppointmentId appointmentId, Justification reason) {
}
