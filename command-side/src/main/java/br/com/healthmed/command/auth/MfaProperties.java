package br.com.healthmed.command.auth;

import br.com.healthmed.api.common.Role;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The second factor (ADR 0024).
 *
 * @param requiredForDoctors  doctors must enrol too (HEALTHMED_SECURITY_MFA_REQUIRED_FOR_DOCTORS); ADMIN and AUDITOR
 *                            always must, whatever this says
 * @param challengeLifetime   how long the challenge a password login answers may be completed
 * @param enrolmentLifetime   how long an enrolment token (a privileged account that has not enrolled yet) stays usable
 * @param attemptsPerChallenge wrong codes one challenge or enrolment token takes before it is spent
 * @param recoveryCodes       how many single-use recovery codes an enrolment hands out
 * @param issuer              the name authenticator apps show beside the code
 */
@Validated
@ConfigurationProperties("healthmed.security.mfa")
public record MfaProperties(
        @DefaultValue("false") boolean requiredForDoctors,
        @NotNull @DefaultValue("PT5M") Duration challengeLifetime,
        @NotNull @DefaultValue("PT15M") Duration enrolmentLifetime,
        @Min(1) @Max(20) @DefaultValue("5") int attemptsPerChallenge,
        @Min(1) @Max(50) @DefaultValue("10") int recoveryCodes,
        @NotBlank @DefaultValue("Health&Med") String issuer) {

    /** Whether an account of this role must have a second factor before it may log in. */
    public boolean requiredFor(Role role) {
        return role == Role.ADMIN || role == Role.AUDITOR || (role == Role.DOCTOR && requiredForDoctors);
    }
}
