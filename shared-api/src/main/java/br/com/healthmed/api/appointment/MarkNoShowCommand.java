package br.com.healthmed.api.appointment;

import br.com.healthmed.api.common.Justification;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The appointment's doctor records that the patient did not attend; the reason may be null. */
public record MarkNoShowCommand(@TargetAggregateIdentifier AppointmentId appointmentId, Justification reason) {
}
