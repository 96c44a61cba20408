package br.com.healthmed.command.auth;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Limits on failed logins (ADR 0021). Each is a token bucket: a failure spends a token, tokens come back evenly over
 * the window, so a client that spent them is slowed down, never locked out for a whole window.
 *
 * @param maxFailuresPerAccountAndAddress failures allowed for one login name from one client address
 * @param accountAndAddressWindow         the time in which those come back
 * @param maxFailuresPerAddress           failures allowed from one client address, whatever login names it tries
 * @param addressWindow                   the time in which those come back
 * @param accountBurst                    failures allowed for one login name from clients it has never logged in from,
 *                                        all addresses together (what a distributed guesser gets)
 * @param accountRefillInterval           after the burst, one more such attempt every interval: a slow-down, not a
 *                                        lock-out; a known client (one that logged in to this name) is never held by it
 * @param knownClientFor                  how long an address stays known for a login name after a successful login
 */
@Validated
@ConfigurationProperties("healthmed.security.login-throttle")
public record LoginThrottleProperties(
        @Min(1) @DefaultValue("5") int maxFailuresPerAccountAndAddress,
        @NotNull @DefaultValue("PT15M") Duration accountAndAddressWindow,
        @Min(1) @DefaultValue("50") int maxFailuresPerAddress,
        @NotNull @DefaultValue("PT15M") Duration addressWindow,
        @Min(1) @DefaultValue("10") int accountBurst,
        @NotNull @DefaultValue("PT1M") Duration accountRefillInterval,
        @NotNull @DefaultValue("P90D") Duration knownClientFor) {
}
