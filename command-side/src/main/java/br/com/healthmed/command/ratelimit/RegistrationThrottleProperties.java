package br.com.healthmed.command.ratelimit;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How many accounts (patients and doctors together) one client address may register.
 *
 * @param perAddress registrations one address may make at once; after that one more every {@code window / perAddress}
 * @param window     the time in which {@code perAddress} registrations become possible again
 */
@Validated
@ConfigurationProperties("healthmed.security.registration-throttle")
public record RegistrationThrottleProperties(
        @Min(1) @DefaultValue("10") int perAddress,
        @NotNull @DefaultValue("PT1H") Duration window) {

    RateLimits.Limit limit() {
        return RateLimits.Limit.of(perAddress, window);
    }
}
