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
 * @param maxConcurrent how many may run at once on this replica; 0 sizes it from the heap and the processors
 * @param maxWait       how long a request waits for a turn before it is answered 503 password-hashing-busy
 */
@Validated
@ConfigurationProperties("healthmed.security.password-hashing")
public record PasswordHashingProperties(
        @Min(0) @DefaultValue("0") int maxConcurrent,
        @NotNull @DefaultValue("PT0.2S") Duration maxWait) {
}
