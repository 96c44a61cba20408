package br.com.healthmed.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An SMTP server that keeps every mail it receives in memory (GreenMail), and a small HTTP view of them for people
 * trying the product locally: {@code GET /mails} lists recipients, subject, date, the decoded text and the raw message,
 * oldest first ({@code GET /mails?to=<address>} only those to one address);
 * {@code DELETE /mails} empties it. Nothing is ever delivered onwards.
 */
public final class LocalMail implements AutoCloseable {

    private final GreenMail smtp;
    private final HttpServer api;
    private final ObjectMapper json = new ObjectMapper();

    private LocalMail(GreenMail smtp, HttpServer api) {
        this.smtp = smtp;
        this.api = api;
    }

    public static LocalMail start(int smtpPort, int apiPort) {
        GreenMail smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", apiPort), 0);
            LocalMail mail = new LocalMail(smtp, api);
            api.createContext("/mails", exchange -> {
                try {
                    if ("DELETE".equals(exchange.getRequestMethod())) {
                        smtp.purgeEmailFromAllMailboxes();
                    }
                    String query = exchange.getRequestURI().getRawQuery();
                    String to = query != null && query.startsWith("to=")
                            ? URLDecoder.decode(query.substring(3), StandardCharsets.UTF_8) : null;
                    List<Map<String, Object>> mails = to == null ? mail.mails() : mail.mails().stream()
                            .filter(found -> ((List<?>) found.get("to")).stream().anyMatch(address -> to.equalsIgnoreCase(String.valueOf(address)))).toList();
                    byte[] body = mail.json.writerWithDefaultPrettyPrinter().writeValueAsBytes(mails);
                    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
                    exchange.sendResponseHeaders(200, body.length);
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                } catch (Exception e) {
                    exchange.sendResponseHeaders(500, -1);
                } finally {
                    exchange.close();
                }
            });
            api.start();
            return mail;
        } catch (IOException e) {
            smtp.stop();
            throw new UncheckedIOException(e);
        }
    }

    public int smtpPort() {
        return smtp.getSmtp().getPort();
    }

    public int apiPort() {
        return api.getAddress().getPort();
    }

    /** Every mail received so far, oldest first. */
    public List<Map<String, Object>> mails() {
        return Arrays.stream(smtp.getReceivedMessages()).map(LocalMail::describe).toList();
    }

    private static Map<String, Object> describe(MimeMessage message) {
        try {
            Map<String, Object> mail = new LinkedHashMap<>();
            Address[] to = message.getAllRecipients();
            mail.put("to", to == null ? List.of() : Arrays.stream(to).map(Address::toString).toList());
            mail.put("subject", message.getSubject());
            mail.put("sentAt", message.getSentDate() == null ? null : message.getSentDate().toInstant().toString());
            mail.put("text", TestMailbox.plainText(message));
            mail.put("raw", GreenMailUtil.getWholeMessage(message));
            return mail;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        api.stop(0);
        smtp.stop();
    }
}
