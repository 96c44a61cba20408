package br.com.healthmed.command.web;

import java.time.Duration;

/**
 * The command did not finish within the request's wait. It may still commit or fail: the caller must not assume
 * either, and a booking retried with the same Idempotency-Key learns which (ADR 0009).
 */
public class CommandOutcomeUnknownException extends RuntimeException {

    public CommandOutcomeUnknownException(Duration waited, Throwable cause) {
        super("The command did not finish within " + waited.toMillis() + " ms; its outcome is not known yet. "
                + "Retry with the same Idempotency-Key to learn it.", cause);
    }
}
