package br.com.healthmed.api.schedule;

import br.com.healthmed.api.doctor.DoctorId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Expands a weekly pattern into slots; all of them are published, or none when any breaks a rule. */
public record PublishWeeklyPatternCommand(@TargetAggregateIdentifier DoctorId doctorId, WeeklyPattern pattern) {
}
