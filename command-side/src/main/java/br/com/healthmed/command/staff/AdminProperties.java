package br.com.healthmed.command.staff;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The first ADMIN, from the environment ({@code HEALTHMED_ADMIN_EMAIL}, {@code HEALTHMED_ADMIN_PASSWORD}); nothing
 * secret lives in the repository. Both unset means no bootstrap; one without the other is a configuration error.
 *
 * @param email    the administrator's login e-mail
 * @param password the administrator's initial password, at least 8 characters
 * @param name     the name shown for the administrator
 */
@ConfigurationProperties("healthmed.admin")
record AdminProperties(String email, String password, @DefaultValue("Administrador") String name) {

    static final int MIN_PASSWORD_LENGTH = 8;

    AdminProperties {
        email = email == null || email.isBlank() ? null : email.strip();
        password = password == null || password.isEmpty() ? null : password;
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
