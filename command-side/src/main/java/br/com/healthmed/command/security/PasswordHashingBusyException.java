package br.com.healthmed.command.security;

import br.com.healthmed.command.ratelimit.RetryLaterException;
import org.springframework.http.HttpStatus;

import java.time.Duration;

/** Every permit to compute a password hash is taken; nothing was changed. */
public final class PasswordHashingBusyException extends RetryLaterException {

    public PasswordHashingBusyException(Duration retryAfter) {
        super(HttpStatus.SERVICE_UNAVAILABLE, "password-hashing-busy",
                "too many password checks are running right now; retry in a moment", retryAfter);
    }
}
