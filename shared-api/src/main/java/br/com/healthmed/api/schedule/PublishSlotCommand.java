package br.com.healthmed.api.schedule;

import br.com.healthmed.api.common.TimeRange;
import br.com.healthmed.api.doctor.DoctorId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/**
 * Publishes one free slot in the doctor's schedule.
 *
 * @param slotIdSeed null for a new random slot id; otherwise the slot's id is {@link SlotId#derived derived} from it
 *                   (index 0), so a retried request (same Idempotency-Key) names the slot its first attempt published
 */
public record PublishSlotCommand(@TargetAggregateIdentifier DoctorId doctorId, TimeRange range, UUID slotIdSeed) {

    public PublishSlotCommand(DoctorId doctorId, TimeRange range) {
        this(doctorId, range, null);
    }
}
