package br.com.healthmed.command.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Sends one mail, trying again with a growing wait when the SMTP server fails; gives up by throwing. */
class Mailer {

    private static final Logger log = LoggerFactory.getLogger(Mailer.class);

    private final JavaMailSender sender;
    private final NotificationProperties properties;

    Mailer(JavaMailSender sender, NotificationProperties properties) {
        this.sender = sender;
        this.properties = properties;
    }

    static final class DeliveryFailedException extends RuntimeException {
        DeliveryFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    void send(Mail mail) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= properties.sendAttempts(); attempt++) {
            try {
                sender.send(message(mail));
                return;
            } catch (MailException | MessagingException e) {
                last = new DeliveryFailedException("SMTP refused or unreachable: " + e.getMessage(), e);
                log.warn("Mail '{}' not delivered (attempt {} of {}): {}", mail.subject(), attempt,
                        properties.sendAttempts(), e.getMessage());
                if (attempt < properties.sendAttempts()) {
                    pause(properties.backoffAfter(attempt));
                }
            }
        }
        throw last;
    }

    private MimeMessage message(Mail mail) throws MessagingException {
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
        helper.setFrom(properties.from());
        helper.setTo(mail.to());
        helper.setSubject(mail.subject());
        helper.setText(mail.text(), mail.html());
        if (mail.calendar() != null) {
            helper.addAttachment("consulta.ics", new ByteArrayResource(mail.calendar().getBytes(StandardCharsets.UTF_8)),
                    "text/calendar; charset=UTF-8; method=PUBLISH");
        }
        return message;
    }

    private static void pause(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailedException("interrupted while waiting to retry", e);
        }
    }
}
