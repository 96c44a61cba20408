package br.com.healthmed.command.notification;

import br.com.healthmed.command.patient.RegistrationMail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Sends the registration mails on a small pool of its own, off the request thread (like {@link PasswordResetMails}):
 * the registration answers before the SMTP server is contacted, whichever mail it caused. Not through the
 * notifications processor: a confirmation token must never enter the event store. A mail that cannot be delivered
 * after {@link Mailer}'s retries is lost; the patient asks for it again.
 */
class RegistrationMails implements RegistrationMail, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RegistrationMails.class);

    private final Contacts contacts;
    private final Mailer mailer;
    private final MailTemplates templates;
    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 2, 60, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1000), Thread.ofPlatform().name("registration-mail-", 0).daemon().factory());

    RegistrationMails(Contacts contacts, Mailer mailer, MailTemplates templates) {
        this.contacts = contacts;
        this.mailer = mailer;
        this.templates = templates;
    }

    @Override
    public void confirmation(String email, String name, String token, Instant expiresAt) {
        queue("confirmation", () -> mailer.send(templates.registrationConfirmation(email, name, token, expiresAt)));
    }

    @Override
    public void confirmationAgain(UUID patientId, String token, Instant expiresAt) {
        queue("confirmation again", () -> contacts.of(patientId).ifPresentOrElse(
                contact -> mailer.send(templates.registrationConfirmation(contact.email(), contact.name(), token, expiresAt)),
                () -> log.info("Confirmation for patient {}: no readable address yet, nothing sent", patientId)));
    }

    @Override
    public void emailAlreadyRegistered(UUID ownerId) {
        toOwner(ownerId, "e-mail", templates::emailAlreadyRegistered);
    }

    @Override
    public void cpfAlreadyRegistered(UUID ownerId) {
        toOwner(ownerId, "CPF", templates::cpfAlreadyRegistered);
    }

    private void toOwner(UUID ownerId, String what, Function<Contacts.Contact, Mail> mail) {
        queue("registration attempt with a registered " + what, () -> contacts.of(ownerId).ifPresentOrElse(
                contact -> mailer.send(mail.apply(contact)),
                () -> log.info("Registration attempt with the {} of account {}: no readable address, nothing sent",
                        what, ownerId)));
    }

    private void queue(String kind, Runnable delivery) {
        try {
            pool.execute(() -> {
                try {
                    delivery.run();
                } catch (RuntimeException e) {
                    log.warn("Registration mail ({}) not delivered: {}", kind, e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            log.warn("Registration mail ({}) dropped: the queue of registration mails is full", kind);
        }
    }

    @Override
    public void close() {
        pool.shutdown();
    }
}
