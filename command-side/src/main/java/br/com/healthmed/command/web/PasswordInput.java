package br.com.healthmed.command.web;

import br.com.healthmed.api.common.PasswordHash;
import br.com.healthmed.command.auth.PasswordPolicy;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/** Checks a new password against the policy and hashes it; the plain text goes no further than this. */
@Component
public class PasswordInput {

    private final PasswordEncoder encoder;

    PasswordInput(PasswordEncoder encoder) {
        this.encoder = encoder;
    }

    /** The password when it meets the policy, or null with the refusal recorded in {@code errors}. */
    public String check(String password, FieldErrors errors) {
        return errors.take(() -> PasswordPolicy.requireAcceptable(password));
    }

    /** Hashes a password that passed {@link #check}; done last, as Argon2 is deliberately expensive. */
    public PasswordHash hash(String checkedPassword) {
        return new PasswordHash(encoder.encode(checkedPassword));
    }
}
