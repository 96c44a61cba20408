package br.com.healthmed.api.schedule;

import br.com.healthmed.api.common.TimeRange;
import br.com.healthmed.api.doctor.DoctorId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Moves or resizes a free slot. */
public record MoveSlotCommand(@TargetAggregateIdentifier DoctorId doctorId, SlotId slotId, TimeRange range) {
}
