package br.com.healthmed.command.ratelimit;

import org.springframework.http.HttpStatus;

import java.time.Duration;

/**
 * A request refused for now because a limit is reached (429) or a bounded resource is full (503); nothing was
 * changed, and the same request may succeed after {@code retryAfter}. Answered once, by {@code RetryLaterAdvice}.
 */
public abstract class RetryLaterException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final Duration retryAfter;

    protected RetryLaterException(HttpStatus status, String code, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfter = retryAfter;
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
