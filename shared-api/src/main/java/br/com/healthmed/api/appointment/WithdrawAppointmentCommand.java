package br.com.healthmed.api.appointment;

import br.com.healthmed.api.common.Justification;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Cancels an appointment because one party's account closed (ADR 0020), sent by the system, not by a party: none of the
 * parties' cancellation rules apply, and an appointment that is no longer active, or (for a deactivated doctor) has
 * already started, is left as it is.
 */
public record WithdrawAppointmentCommand(@TargetAggregateIdentifier AppointmentId appointmentId, AccountClosure closure,
                                         Justification justification) {
}
