package br.com.healthmed.command.auth;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * @param lifetime       how long one refresh token stays usable when it is not used
 * @param familyLifetime the absolute limit of one login: however often its tokens rotate, a new login is due after this
 */
@Validated
@ConfigurationProperties("healthmed.security.refresh-token")
public record RefreshTokenProperties(
        @NotNull @DefaultValue("P7D") Duration lifetime,
        @NotNull @DefaultValue("P30D") Duration familyLifetime) {

    public RefreshTokenProperties {
        if (lifetime != null && familyLifetime != null
                && (lifetime.isNegative() || lifetime.isZero() || familyLifetime.compareTo(lifetime) < 0)) {
            throw new IllegalArgumentException("healthmed.security.refresh-token: lifetime must be positive and at most family-lifetime");
        }
    }
}
