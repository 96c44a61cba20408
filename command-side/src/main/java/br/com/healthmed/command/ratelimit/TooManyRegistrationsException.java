package br.com.healthmed.command.ratelimit;

import org.springframework.http.HttpStatus;

import java.time.Duration;

/** This client address registered as many accounts as it may for now. */
public final class TooManyRegistrationsException extends RetryLaterException {

    public TooManyRegistrationsException(Duration retryAfter) {
        super(HttpStatus.TOO_MANY_REQUESTS, "too-many-registrations",
                "too many registrations from this address; try again later", retryAfter);
    }
}
