package br.com.healthmed.command.notification;

import br.com.healthmed.testing.TestMailbox;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.fail;

/** A GreenMail SMTP server on a free port, which a test can stop and start again on the same port (an outage). */
final class MailCatcher {

    private final int port;
    private GreenMail server;

    private MailCatcher(GreenMail started) {
        this.server = started;
        this.port = started.getSmtp().getPort();
    }

    static MailCatcher start() {
        GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        server.start();
        return new MailCatcher(server);
    }

    int port() {
        return port;
    }

    synchronized void goDown() {
        server.stop();
    }

    synchronized void comeBack() {
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    synchronized void clear() {
        try {
            server.purgeEmailFromAllMailboxes();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A received mail, flattened: recipients, subject, every text part and every attachment as text. */
    record Received(List<String> to, String subject, String text, String html, List<String> attachments) {

        String everything() {
            return String.join("\n", subject, text, html, String.join("\n", attachments));
        }
    }

    /**
     * Every mail but the registrations' confirmations (ADR 0033), which every patient a test registers gets first:
     * the tests here are about the mails that follow.
     */
    synchronized List<Received> received() {
        return everything().stream().filter(mail -> !TestMailbox.CONFIRMATION_SUBJECT.equals(mail.subject())).toList();
    }

    private synchronized List<Received> everything() {
        return Arrays.stream(server.getReceivedMessages()).map(MailCatcher::flatten).toList();
    }

    List<Received> awaitTo(String recipient, int count, Duration timeout) {
        Instant giveUp = Instant.now().plus(timeout);
        while (true) {
            List<Received> found = received().stream().filter(mail -> mail.to().contains(recipient)).toList();
            if (found.size() >= count) {
                return found;
            }
            if (Instant.now().isAfter(giveUp)) {
                fail("expected %d mail(s) to %s within %s, got %s", count, recipient, timeout, found);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    /** The token of the first registration confirmation mail to the recipient (ADR 0033), waiting for it. */
    String confirmationToken(String recipient) {
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(30));
        while (true) {
            var token = everything().stream()
                    .filter(mail -> mail.to().stream().anyMatch(recipient::equalsIgnoreCase))
                    .filter(mail -> TestMailbox.CONFIRMATION_SUBJECT.equals(mail.subject()))
                    .map(mail -> CONFIRMATION_TOKEN.matcher(mail.text()))
                    .filter(Matcher::find).map(matcher -> matcher.group(1)).findFirst();
            if (token.isPresent()) {
                return token.get();
            }
            if (Instant.now().isAfter(giveUp)) {
                fail("no confirmation mail to %s", recipient);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    private static final Pattern CONFIRMATION_TOKEN = Pattern.compile("\\{\"token\": \"([A-Za-z0-9_-]+)\"}");

    private static Received flatten(MimeMessage message) {
        try {
            List<String> to = Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Object::toString).toList();
            List<String> texts = new ArrayList<>();
            List<String> htmls = new ArrayList<>();
            List<String> attachments = new ArrayList<>();
            collect(message, texts, htmls, attachments);
            return new Received(to, message.getSubject(), String.join("\n", texts), String.join("\n", htmls), attachments);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collect(Part part, List<String> texts, List<String> htmls, List<String> attachments)
            throws MessagingException, IOException {
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            try (InputStream in = part.getInputStream()) {
                attachments.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } else if (part.isMimeType("text/plain")) {
            texts.add((String) part.getContent());
        } else if (part.isMimeType("text/html")) {
            htmls.add((String) part.getContent());
        } else if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                collect(body, texts, htmls, attachments);
            }
        } else if (part.getContent() instanceof InputStream in) {
            try (in) {
                attachments.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
