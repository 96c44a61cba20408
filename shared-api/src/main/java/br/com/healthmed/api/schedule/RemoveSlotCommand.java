package br.com.healthmed.api.schedule;

import br.com.healthmed.api.doctor.DoctorId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Removes a free slot. */
public record RemoveSlotCommand(@TargetAggregateIdentifier DoctorId doctorId, SlotId slotId) {
}
