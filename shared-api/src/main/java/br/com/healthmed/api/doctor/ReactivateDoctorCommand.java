package br.com.healthmed.api.doctor;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An ADMIN lets a deactivated doctor back in; the appointments cancelled on deactivation stay cancelled. */
public record ReactivateDoctorCommand(@TargetAggregateIdentifier DoctorId doctorId) {
}
