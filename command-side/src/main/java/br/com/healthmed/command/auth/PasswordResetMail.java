package br.com.healthmed.command.auth;

import java.time.Duration;
import java.util.UUID;

/** Mails a reset token to the address an account registered with; implemented where an SMTP server is configured. */
public interface PasswordResetMail {

    /**
     * Queues the mail and returns at once, so the answer to the request takes as long whether or not a mail goes out.
     * An account whose address is unknown or erased gets nothing.
     */
    void send(UUID accountId, String token, Duration validFor);
}
