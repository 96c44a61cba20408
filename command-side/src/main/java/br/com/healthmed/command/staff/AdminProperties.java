package br.com.healthmed.command.staff;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The first ADMIN, from the environment ({@code HEALTHMED_ADMIN_EMAIL}, {@code HEALTHMED_ADMIN_PASSWORD},
 * {@code HEALTHMED_ADMIN_TOTP_SECRET}); nothing secret lives in the repository. Email and password both unset means no
 * bootstrap; one without the other is a configuration error.
 *
 * @param email      the administrator's login e-mail
 * @param password   the administrator's initial password, at least 8 characters
 * @param name       the name shown for the administrator
 * @param totpSecret the Base32 TOTP secret the administrator is enrolled with (ADR 0024); unset: the administrator
 *                   enrols at the first login, as every ADMIN must
 */
@ConfigurationProperties("healthmed.admin")
record AdminProperties(String email, String password, @DefaultValue("Administrador") String name, String totpSecret) {

    static final int MIN_PASSWORD_LENGTH = 8;

    AdminProperties {
        email = email == null || email.isBlank() ? null : email.strip();
        password = password == null || password.isEmpty() ? null : password;
        totpSecret = totpSecret == null || totpSecret.isBlank() ? null : totpSecret.strip();
        if (totpSecret != null && email == null) {
            throw new IllegalArgumentException("healthmed.admin.totp-secret needs healthmed.admin.email and password");
        }
        // Base32 (RFC 4648) of at least 128 bits, RFC 4226's minimum: 26 characters.
        if (totpSecret != null && !totpSecret.matches("[A-Z2-7]{26,}=*")) {
            throw new IllegalArgumentException(
                    "healthmed.admin.totp-secret must be Base32 (A-Z, 2-7) of at least 26 characters (128 bits)");
        }
        if ((email == null) != (password == null)) {
            throw new IllegalArgumentException("healthmed.admin.email and healthmed.admin.password must be set together");
        }
        if (password != null && password.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException(
                    "healthmed.admin.password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
    }

    boolean configured() {
        return email != null;
    }

    @Override
    public String toString() {
        return "AdminProperties[protected]";
    }
}
