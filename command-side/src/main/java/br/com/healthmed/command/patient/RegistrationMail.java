package br.com.healthmed.command.patient;

import java.time.Instant;
import java.util.UUID;

/**
 * The mails of a patient registration (ADR 0033); implemented where an SMTP server is configured. Every method queues
 * its mail and returns at once, so a registration answers in the same time whichever mail, if any, it caused.
 */
public interface RegistrationMail {

    /** To the address just registered: the single-use token that confirms it, valid until {@code expiresAt}. */
    void confirmation(String email, String name, String token, Instant expiresAt);

    /**
     * To a registration still awaiting confirmation, at its own address (asked for again, or someone registered its
     * e-mail again): a new token, valid until the registration expires.
     */
    void confirmationAgain(UUID patientId, String token, Instant expiresAt);

    /** To the owner of an e-mail someone tried to register again: if it was them, log in or reset the password. */
    void emailAlreadyRegistered(UUID ownerId);

    /** To the owner of a CPF someone tried to register with another e-mail, at the owner's own address. */
    void cpfAlreadyRegistered(UUID ownerId);
}
