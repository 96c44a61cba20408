package br.com.healthmed.command.auth;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * @param tokenLifetime how long the link of a reset mail works (it works once)
 */
@Validated
@ConfigurationProperties("healthmed.security.password-reset")
public record PasswordResetProperties(@NotNull @DefaultValue("PT30M") Duration tokenLifetime) {

    public PasswordResetProperties {
        if (tokenLifetime != null && (tokenLifetime.isNegative() || tokenLifetime.isZero())) {
            throw new IllegalArgumentException("healthmed.security.password-reset.token-lifetime must be positive");
        }
    }
}
