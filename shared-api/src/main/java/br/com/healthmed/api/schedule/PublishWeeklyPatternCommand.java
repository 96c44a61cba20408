package br.com.healthmed.api.schedule;

import br.com.healthmed.api.doctor.DoctorId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/**
 * Expands a weekly pattern into slots; all of them are published, or none when any breaks a rule.
 *
 * @param slotIdSeed null for random slot ids; otherwise slot <i>i</i> (chronological) gets the id
 *                   {@link SlotId#derived derived} from it and <i>i</i>, so a retried request (same Idempotency-Key)
 *                   names the slots its first attempt published
 */
public record PublishWeeklyPatternCommand(@TargetAggregateIdentifier DoctorId doctorId, WeeklyPattern pattern,
                                          UUID slotIdSeed) {

    public PublishWeeklyPatternCommand(DoctorId doctorId, WeeklyPattern pattern) {
        this(doctorId, pattern, null);
    }
}
