package br.com.healthmed.command.auth;

import org.springframework.http.HttpStatus;

import java.time.Duration;

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
