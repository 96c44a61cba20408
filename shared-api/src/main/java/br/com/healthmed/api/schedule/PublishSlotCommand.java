package br.com.healthmed.api.schedule;

import br.com.healthmed.api.common.TimeRange;
import br.com.healthmed.api.doctor.DoctorId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Publishes one free slot in the doctor's schedule. */
public record PublishSlotCommand(@TargetAggregateIdentifier DoctorId doctorId, TimeRange range) {
}
