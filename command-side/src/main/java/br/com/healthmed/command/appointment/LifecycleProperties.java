package br.com.healthmed.command.appointment;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The appointment's time rules (ISO-8601 durations).
 *
 * @param requestExpiry             how long a doctor has to answer a request; at the latest it expires when the
 *                                  booking's minimum notice before the slot begins is reached
 * @param noShowWindow              how long after the end the doctor may still record a no-show
 * @param patientCancellationCutoff how long before the start a patient can no longer cancel
 * @param reminders                 how long before the start of an accepted appointment its patient is reminded
 */
@Validated
@ConfigurationProperties("healthmed.lifecycle")
public record LifecycleProperties(
        @NotNull @DefaultValue("PT24H") Duration requestExpiry,
        @NotNull @DefaultValue("PT48H") Duration noShowWindow,
        @NotNull @DefaultValue("PT2H") Duration patientCancellationCutoff,
        @NotNull @DefaultValue({"PT24H", "PT2H"}) List<Duration> reminders) {

    public LifecycleProperties {
        reminders = List.copyOf(reminders);
        reminders.forEach(reminder -> requirePositive(reminder, "reminders"));
        requirePositive(requestExpiry, "request-expiry");
        requirePositive(noShowWindow, "no-show-window");
        if (patientCancellationCutoff == null || patientCancellationCutoff.isNegative()) {
            throw new IllegalArgumentException("healthmed.lifecycle.patient-cancellation-cutoff must not be negative");
        }
    }

    /** When an unanswered request expires: after the configured wait, but never later than the notice before it starts. */
    public Instant expiryOf(Instant requestedAt, Instant start, Duration minimumNotice) {
        Instant afterWait = requestedAt.plus(requestExpiry);
        Instant beforeStart = start.minus(minimumNotice);
        return afterWait.isBefore(beforeStart) ? afterWait : beforeStart;
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("healthmed.lifecycle." + name + " must be a positive duration");
        }
    }
}
