package br.com.healthmed.query.agenda;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.time.Instant;

/**
 * The command side's booking notice, read from the same property ({@code HEALTHMED_MINIMUM_NOTICE}) so that the public
 * agenda never offers a slot that a request would be refused for ({@code booking-notice-too-short}).
 *
 * @param minimumNotice how long before a slot starts it can still be requested
 */
@Validated
@ConfigurationProperties("healthmed.booking")
public record BookingNotice(@NotNull @DefaultValue("PT2H") Duration minimumNotice) {

    public BookingNotice {
        if (minimumNotice != null && minimumNotice.isNegative()) {
            throw new IllegalArgumentException("healthmed.booking.minimum-notice must not be negative");
        }
    }

    /** The earliest start a request made at {@code now} is accepted for; a slot starting exactly then is bookable. */
    public Instant earliestBookableStart(Instant now) {
        return now.plus(minimumNotice);
    }
}
