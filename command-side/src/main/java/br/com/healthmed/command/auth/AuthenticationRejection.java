package br.com.healthmed.command.auth;

import org.springframework.http.HttpStatus;

import java.time.Duration;

/** A login, refresh or logout was refused; {@code code} reaches the client, {@code retryAfter} only for 429. */
class AuthenticationRejection extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Duration retryAfter;

    private AuthenticationRejection(HttpStatus status, String code, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    /** One answer for unknown user, malformed login, wrong password and wrong role, so none can be told apart. */
    static AuthenticationRejection invalidCredentials() {
        return new AuthenticationRejection(HttpStatus.UNAUTHORIZED, "invalid-credentials", "login or password is incorrect", null);
    }

    static AuthenticationRejection tooManyAttempts(Duration retryAfter) {
        return new AuthenticationRejection(HttpStatus.TOO_MANY_REQUESTS, "too-many-login-attempts",
                "too many failed logins; try again later", retryAfter);
    }

    static AuthenticationRejection refreshTokenInvalid() {
        return new AuthenticationRejection(HttpStatus.UNAUTHORIZED, "refresh-token-invalid",
                "the refresh token is unknown, expired or revoked; log in again", null);
    }

    static AuthenticationRejection refreshTokenReused() {
        return new AuthenticationRejection(HttpStatus.UNAUTHORIZED, "refresh-token-reused",
                "this refresh token was already used; every session of this login has been revoked", null);
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
