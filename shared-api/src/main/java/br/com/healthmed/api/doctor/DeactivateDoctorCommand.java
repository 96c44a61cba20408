package br.com.healthmed.api.doctor;

import br.com.healthmed.api.common.Justification;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An ADMIN takes a doctor off the platform, with a reason: no login, no new slots or bookings, gone from search, and
 * every future appointment cancelled with that reason.
 */
public record DeactivateDoctorCommand(@TargetAggregateIdentifier DoctorId doctorId, Justification reason) {
}
