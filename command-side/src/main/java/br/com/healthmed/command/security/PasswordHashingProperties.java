package br.com.healthmed.command.security;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The bound on concurrent Argon2id computations (hashing a new password, verifying one at login or erasure).
 *
 * @param maxConcurrent    how many may run at once on this replica; 0 sizes it from the heap and the processors
 * @param waitingPerPermit how many requests may wait for a turn, per permit (0: none; refused at once when every
 *                         permit is taken); beyond that a request is answered 503 password-hashing-busy at once
 * @param maxWait          how long a waiting request waits for a turn before it is answered 503 password-hashing-busy
 */
@Validated
@ConfigurationProperties("healthmed.security.password-hashing")
public record PasswordHashingProperties(
        @Min(0) @DefaultValue("0") int maxConcurrent,
        @Min(0) @DefaultValue("4") int waitingPerPermit,
        // Four waiters per permit are four rounds of hashing: a fraction of a second on a quiet machine, one or two
        // seconds on a loaded one (ADR 0036). Waiting that long is cheaper for everyone than a refusal and a retry.
        @NotNull @DefaultValue("PT3S") Duration maxWait) {
}
