package br.com.healthmed.command.config;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The booking policy, injected into the aggregates that enforce it.
 *
 * @param minimumNotice how long before a slot starts it can still be requested
 * @param minSlotLength shortest slot a doctor may publish
 * @param maxSlotLength longest slot a doctor may publish; at most 24 hours, so that a slot touches at most two UTC days
 *                      (its own day schedule and the next one, ADR 0011)
 * @param horizon       how far ahead a slot may start
 */
@Validated
@ConfigurationProperties("healthmed.booking")
public record BookingProperties(
        @NotNull @DefaultValue("PT2H") Duration minimumNotice,
        @NotNull @DefaultValue("PT10M") Duration minSlotLength,
        @NotNull @DefaultValue("PT240M") Duration maxSlotLength,
        @NotNull @DefaultValue("P180D") Duration horizon) {

    static final Duration LONGEST_SLOT = Duration.ofHours(24);

    public BookingProperties {
        if (maxSlotLength != null && maxSlotLength.compareTo(LONGEST_SLOT) > 0) {
            throw new IllegalArgumentException("healthmed.booking.max-slot-length must be at most PT24H, was " + maxSlotLength);
        }
    }
}
