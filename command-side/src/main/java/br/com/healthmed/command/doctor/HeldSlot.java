package br.com.healthmed.command.doctor;

import br.com.healthmed.api.common.Money;
import br.com.healthmed.api.common.TimeRange;

/** What a booking learns from the schedule when it holds a slot: its time and the doctor's price at that moment. */
public record HeldSlot(TimeRange time, Money price) {
}
