package br.com.healthmed.command.auth;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Limits on failed logins within a sliding window.
 *
 * @param maxFailuresPerAccount failures allowed for one login name (e-mail, CPF or CRM) before it is locked for a while
 * @param accountWindow         how far back failures of one login name count
 * @param maxFailuresPerAddress failures allowed from one client address, whatever login names it tries
 * @param addressWindow         how far back failures of one address count
 */
@Validated
@ConfigurationProperties("healthmed.security.login-throttle")
public record LoginThrottleProperties(
        @Min(1) @DefaultValue("5") int maxFailuresPerAccount,
        @NotNull @DefaultValue("PT15M") Duration accountWindow,
        @Min(1) @DefaultValue("50") int maxFailuresPerAddress,
        @NotNull @DefaultValue("PT15M") Duration addressWindow) {
}
