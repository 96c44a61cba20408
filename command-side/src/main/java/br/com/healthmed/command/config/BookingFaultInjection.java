package br.com.healthmed.command.config;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Faults injected on purpose into the booking, for tests and benchmarks only; never set in production. Off by default.
 *
 * @param handlerDelay how long the booking's command handler sleeps, holding its locks, before it books (ISO-8601,
 *                     e.g. {@code PT3S}); used to make a booking outlive the request's wait and show that a retry with
 *                     the same Idempotency-Key finds the appointment it created
 */
@Validated
@ConfigurationProperties("healthmed.booking.fault-injection")
public record BookingFaultInjection(@NotNull @DefaultValue("PT0S") Duration handlerDelay) {

    public boolean delaysHandler() {
        return handlerDelay.isPositive();
    }
}
