package br.com.healthmed.command.auth;

import br.com.healthmed.api.common.Role;

import java.util.UUID;

/** Enrols an account's second factor with a TOTP secret it already holds (the first ADMIN's, from configuration). */
@FunctionalInterface
public interface KnownSecretEnrolment {

    /** Does nothing when the account already has a second factor. */
    void enrol(UUID accountId, Role role, String secret);
}
