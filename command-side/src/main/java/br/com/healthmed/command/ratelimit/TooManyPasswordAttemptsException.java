package br.com.healthmed.command.ratelimit;

import org.springframework.http.HttpStatus;

import java.time.Duration;

/** Too many wrong current passwords for one account from one client: the password cannot be guessed through this path. */
public final class TooManyPasswordAttemptsException extends RetryLaterException {

    public TooManyPasswordAttemptsException(Duration retryAfter) {
        super(HttpStatus.TOO_MANY_REQUESTS, "too-many-password-attempts",
                "too many wrong current passwords; try again later", retryAfter);
    }
}
