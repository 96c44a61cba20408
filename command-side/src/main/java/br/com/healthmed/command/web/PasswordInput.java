package br.com.healthmed.command.web;

import br.com.healthmed.api.common.InvalidValueException;
import br.com.healthmed.api.common.PasswordHash;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/** Checks a new password against the policy and hashes it; the plain text goes no further than this. */
@Component
public class PasswordInput {

    static final int MIN_LENGTH = 8;
    static final int MAX_LENGTH = 128;

    private final PasswordEncoder encoder;

    PasswordInput(PasswordEncoder encoder) {
        this.encoder = encoder;
    }

    /** The password when it meets the policy, or null with the refusal recorded in {@code errors}. */
    public String check(String password, FieldErrors errors) {
        if (password == null || password.isEmpty()) {
            errors.reject(new InvalidValueException("password-required", "password", "password is required"));
            return null;
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            errors.reject(new InvalidValueException("password-too-short", "password",
                    "password must have at least " + MIN_LENGTH + " characters"));
            return null;
        }
        if (length > MAX_LENGTH) {
            errors.reject(new InvalidValueException("password-too-long", "password",
                    "password must have at most " + MAX_LENGTH + " characters"));
            return null;
        }
        return password;
    }

    /** Hashes a password that passed {@link #check}; done last, as Argon2 is deliberately expensive. */
    public PasswordHash hash(String checkedPassword) {
        return new PasswordHash(encoder.encode(checkedPassword));
    }
}
