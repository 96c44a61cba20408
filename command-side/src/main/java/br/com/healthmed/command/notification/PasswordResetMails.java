package br.com.healthmed.command.notification;

import br.com.healthmed.command.auth.PasswordResetMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Sends reset mails on a small pool of its own, off the request thread: the request answers before the SMTP server is
 * even contacted, whether or not there was anything to send. Not through the notifications processor: a reset token
 * must never enter the event store, even sealed. A mail that cannot be delivered after {@link Mailer}'s retries is
 * lost; the user asks again.
 */
class PasswordResetMails implements PasswordResetMail, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PasswordResetMails.class);

    private final Contacts contacts;
    private final Mailer mailer;
    private final MailTemplates templates;
    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 2, 60, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(500), Thread.ofPlatform().name("password-reset-mail-", 0).daemon().factory());

    PasswordResetMails(Contacts contacts, Mailer mailer, MailTemplates templates) {
        this.contacts = contacts;
        this.mailer = mailer;
        this.templates = templates;
    }

    @Override
    public void send(UUID accountId, String token, Duration validFor) {
        try {
            pool.execute(() -> deliver(accountId, token, validFor));
        } catch (RejectedExecutionException e) {
            log.warn("Password reset mail dropped: the queue of reset mails is full");
        }
    }

    private void deliver(UUID accountId, String token, Duration validFor) {
        try {
            contacts.of(accountId).ifPresentOrElse(
                    contact -> mailer.send(templates.passwordReset(contact, token, validFor)),
                    () -> log.info("Password reset for account {}: no readable address, nothing sent", accountId));
        } catch (RuntimeException e) {
            log.warn("Password reset mail for account {} not delivered: {}", accountId, e.getMessage());
        }
    }

    @Override
    public void close() {
        pool.shutdown();
    }
}
