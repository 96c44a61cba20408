package br.com.healthmed.command.auth;

import org.springframework.http.HttpStatus;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A login, refresh or logout was refused; {@code code} reaches the client, {@code retryAfter} only for 429. */
class AuthenticationRejection extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Duration retryAfter;

    AuthenticationRejection(HttpStatus status, String code, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    /** One answer for unknown user, malformed login, wrong password and wrong role, so none can be told apart. */
    static AuthenticationRejection invalidCredentials() {
        return new InvalidCredentials();
    }

    static AuthenticationRejection tooManyAttempts(Duration retryAfter) {
        return new TooManyAttempts(retryAfter);
    }

    static AuthenticationRejection refreshTokenInvalid() {
        return RefreshTokenRefused.invalid();
    }

    static AuthenticationRejection refreshTokenReused() {
        return RefreshTokenRefused.reused();
    }

    /** One type per kind of refusal, so that each operation declares exactly the ones it can give (ADR 0017). */
    static final class InvalidCredentials extends AuthenticationRejection {
        InvalidCredentials() {
            super(HttpStatus.UNAUTHORIZED, "invalid-credentials", "login or password is incorrect", null);
        }
    }

    static final class TooManyAttempts extends AuthenticationRejection {
        TooManyAttempts(Duration retryAfter) {
            super(HttpStatus.TOO_MANY_REQUESTS, "too-many-login-attempts", "too many failed logins; try again later", retryAfter);
        }
    }

    static final class RefreshTokenRefused extends AuthenticationRejection {
        private RefreshTokenRefused(String code, String message) {
            super(HttpStatus.UNAUTHORIZED, code, message, null);
        }

        static RefreshTokenRefused invalid() {
            return new RefreshTokenRefused("refresh-token-invalid", "the refresh token is unknown, expired or revoked; log in again");
        }

        static RefreshTokenRefused reused() {
            return new RefreshTokenRefused("refresh-token-reused",
                    "this refresh token was already used; every session of this login has been revoked");
        }
    }

    /** Said only after the right password: whoever knows it may learn that the account was deactivated. */
    static final class AccountDeactivated extends AuthenticationRejection {
        AccountDeactivated() {
            super(HttpStatus.FORBIDDEN, "account-deactivated", "this account has been deactivated by an administrator", null);
        }
    }

    /**
     * Said only after the right password (ADR 0033): without it nobody learns that an unconfirmed registration holds
     * this e-mail or CPF.
     */
    static final class EmailNotConfirmed extends AuthenticationRejection {
        EmailNotConfirmed() {
            super(HttpStatus.FORBIDDEN, "email-not-confirmed",
                    "confirm your e-mail address first: follow the confirmation mail, or ask for it again", null);
        }
    }

    /** Counted per login name and per address whether or not the account exists, so it reveals nothing either. */
    static final class TooManyResetRequests extends AuthenticationRejection {
        TooManyResetRequests(Duration retryAfter) {
            super(HttpStatus.TOO_MANY_REQUESTS, "too-many-reset-requests",
                    "too many password reset requests; try again later", retryAfter);
        }
    }

    /** One answer for unknown, used, superseded and expired tokens. */
    static final class ResetTokenInvalid extends AuthenticationRejection {
        ResetTokenInvalid() {
            super(HttpStatus.BAD_REQUEST, "password-reset-token-invalid",
                    "the reset token is unknown, expired or already used; ask for a new one", null);
        }
    }

    static final class PasswordChangesTooFrequent extends AuthenticationRejection {
        PasswordChangesTooFrequent(Duration retryAfter) {
            super(HttpStatus.TOO_MANY_REQUESTS, "too-many-password-attempts",
                    "too many wrong current passwords; try again later", retryAfter);
        }
    }

    /**
     * The right password of an account with a second factor: the login goes on at {@code POST /api/auth/mfa} with this
     * challenge and a code. A 401 rather than a 200, so that a client that knows nothing of MFA fails plainly.
     */
    static final class MfaRequired extends AuthenticationRejection {
        private final String challengeToken;
        private final Duration expiresIn;

        MfaRequired(String challengeToken, Duration expiresIn) {
            super(HttpStatus.UNAUTHORIZED, "mfa-required",
                    "this account uses a second factor: send a code with the challenge token to /api/auth/mfa", null);
            this.challengeToken = challengeToken;
            this.expiresIn = expiresIn;
        }

        @Override
        Map<String, Object> properties() {
            return tokenProperties("challengeToken", challengeToken, expiresIn);
        }
    }

    /**
     * The right password of an account that must have a second factor and has none yet: the enrolment token allows
     * only enrolment ({@code /api/auth/mfa/enrolment}), which then completes the login.
     */
    static final class MfaEnrolmentRequired extends AuthenticationRejection {
        private final String enrolmentToken;
        private final Duration expiresIn;

        MfaEnrolmentRequired(String enrolmentToken, Duration expiresIn) {
            super(HttpStatus.UNAUTHORIZED, "mfa-enrolment-required",
                    "this account must enrol a second factor first: start at /api/auth/mfa/enrolment with the enrolment token", null);
            this.enrolmentToken = enrolmentToken;
            this.expiresIn = expiresIn;
        }

        @Override
        Map<String, Object> properties() {
            return tokenProperties("enrolmentToken", enrolmentToken, expiresIn);
        }
    }

    /** One answer for a wrong code, a code already used, a used or unknown recovery code and a malformed one. */
    static final class MfaCodeInvalid extends AuthenticationRejection {
        MfaCodeInvalid() {
            super(HttpStatus.UNAUTHORIZED, "mfa-code-invalid", "the code is wrong, expired or already used", null);
        }
    }

    /** One answer for unknown, expired, spent and wrong-purpose challenge and enrolment tokens. */
    static final class MfaChallengeInvalid extends AuthenticationRejection {
        MfaChallengeInvalid() {
            super(HttpStatus.UNAUTHORIZED, "mfa-challenge-invalid",
                    "the challenge or enrolment token is unknown, expired or spent; log in again", null);
        }
    }

    static final class TooManyMfaAttempts extends AuthenticationRejection {
        TooManyMfaAttempts(Duration retryAfter) {
            super(HttpStatus.TOO_MANY_REQUESTS, "too-many-mfa-attempts", "too many wrong codes; try again later", retryAfter);
        }
    }

    /** Extra members of the problem document; none but for the MFA steps, which hand the client a token. */
    Map<String, Object> properties() {
        return Map.of();
    }

    private static Map<String, Object> tokenProperties(String name, String token, Duration expiresIn) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(name, token);
        properties.put("expiresIn", expiresIn == null ? null : expiresIn.toSeconds());
        return properties;
    }

    HttpStatus status() {
        return status;
    }

    String code() {
        return code;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
