package br.com.healthmed.api.doctor;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An ADMIN confirmed the doctor's registration with the council; only then may they publish slots and be booked. */
public record VerifyDoctorCommand(@TargetAggregateIdentifier DoctorId doctorId) {
}
