package br.com.healthmed.command.auth;

import br.com.healthmed.api.common.InvalidValueException;

/**
 * What a new password must be: 8 to 128 characters, anything else allowed (NIST SP 800-63B: length, not composition).
 * Checked when a password is chosen; a login only verifies.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 128;

    private PasswordPolicy() {
    }

    /** Returns the password unchanged when acceptable; never trims it, and never puts it in the message. */
    public static String requireAcceptable(String password) {
        if (password == null || password.isBlank()) {
            throw new InvalidValueException("password-required", "password", "password is required");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            throw new InvalidValueException("password-too-short", "password",
                    "password must have at least " + MIN_LENGTH + " characters");
        }
        if (length > MAX_LENGTH) {
            throw new InvalidValueException("password-too-long", "password",
                    "password must have at most " + MAX_LENGTH + " characters");
        }
        return password;
    }
}
