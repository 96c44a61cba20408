package br.com.healthmed.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One SMTP server (GreenMail) per test JVM, which every application a test starts sends its mail to
 * ({@link SharedInfrastructure#mailbox()}), so that fixtures follow the mails a user would: the confirmation of a patient
 * registration first of all (ADR 0033). Tests tell their mails apart by recipient (every test uses addresses of its
 * own); one that must stop the server (an SMTP outage) starts its own.
 */
public final class TestMailbox {

    /** The line of the confirmation mail that carries the token, as the mail shows it for a copy into the request. */
    private static final Pattern CONFIRMATION_TOKEN = Pattern.compile("\\{\"token\": \"([A-Za-z0-9_-]{20,100})\"}");
    public static final String CONFIRMATION_SUBJECT = "Confirme o seu cadastro na Health&Med";

    private final GreenMail server;

    private TestMailbox(GreenMail server) {
        this.server = server;
    }

    public static TestMailbox start() {
        GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        server.start();
        return new TestMailbox(server);
    }

    public int port() {
        return server.getSmtp().getPort();
    }

    /** A received mail, decoded: recipients, subject, every text part, every HTML part. */
    public record Mail(List<String> to, String subject, String text, String html) {

        public boolean isTo(String recipient) {
            return to.stream().anyMatch(address -> address.equalsIgnoreCase(recipient));
        }

        /** The token of a registration's confirmation mail. */
        public String confirmationToken() {
            Matcher matcher = CONFIRMATION_TOKEN.matcher(text);
            if (!matcher.find()) {
                throw new AssertionError("no confirmation token in the mail " + subject + ": " + text);
            }
            return matcher.group(1);
        }
    }

    public List<Mail> to(String recipient) {
        return Arrays.stream(server.getReceivedMessages()).map(TestMailbox::decode)
                .filter(mail -> mail.isTo(recipient)).toList();
    }

    /** Waits until {@code count} mails to the recipient match, and returns them, oldest first. */
    public List<Mail> awaitTo(String recipient, Predicate<Mail> which, int count, Duration timeout) {
        Instant giveUp = Instant.now().plus(timeout);
        while (true) {
            List<Mail> found = to(recipient).stream().filter(which).toList();
            if (found.size() >= count) {
                return found;
            }
            if (Instant.now().isAfter(giveUp)) {
                throw new AssertionError("expected %d mail(s) to %s within %s, got %s".formatted(count, recipient, timeout,
                        to(recipient).stream().map(Mail::subject).toList()));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** The token of the {@code nth} (from 1) confirmation mail to the recipient, waiting for it up to 30 s. */
    public String confirmationToken(String recipient, int nth) {
        return awaitTo(recipient, TestMailbox::isConfirmation, nth, Duration.ofSeconds(30)).get(nth - 1).confirmationToken();
    }

    /** The token of the first confirmation mail to the recipient. */
    public String confirmationToken(String recipient) {
        return confirmationToken(recipient, 1);
    }

    public static boolean isConfirmation(Mail mail) {
        return CONFIRMATION_SUBJECT.equals(mail.subject());
    }

    /** The text parts of a message, decoded (no HTML, no attachment). */
    static String plainText(MimeMessage message) {
        return decode(message).text();
    }

    private static Mail decode(MimeMessage message) {
        try {
            Address[] recipients = message.getRecipients(Message.RecipientType.TO);
            List<String> to = recipients == null ? List.of() : Arrays.stream(recipients)
                    .map(address -> address.toString().toLowerCase(Locale.ROOT)).toList();
            List<String> texts = new ArrayList<>();
            List<String> htmls = new ArrayList<>();
            collect(message, texts, htmls);
            return new Mail(to, message.getSubject(), String.join("\n", texts), String.join("\n", htmls));
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void collect(Part part, List<String> texts, List<String> htmls) throws MessagingException, IOException {
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return;
        }
        if (part.isMimeType("text/plain")) {
            texts.add((String) part.getContent());
        } else if (part.isMimeType("text/html")) {
            htmls.add((String) part.getContent());
        } else if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                collect(body, texts, htmls);
            }
        } else if (part.getContent() instanceof InputStream in) {
            try (in) {
                texts.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }
}
