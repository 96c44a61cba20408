package br.com.healthmed.command.ratelimit;

import org.springframework.http.HttpStatus;

import java.time.Duration;

/** This patient made as many appointment requests as they may for now. */
public final class TooManyAppointmentRequestsException extends RetryLaterException {

    public TooManyAppointmentRequestsException(Duration retryAfter) {
        super(HttpStatus.TOO_MANY_REQUESTS, "too-many-appointment-requests",
                "too many appointment requests; try again later", retryAfter);
    }
}
