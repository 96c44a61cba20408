package br.com.healthmed.testing;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class LocalMailTest {

    @Test
    void a_mail_sent_over_smtp_is_listed_by_the_http_view_until_it_is_emptied() throws Exception {
        try (LocalMail mail = LocalMail.start(LocalRedis.freePort(), LocalRedis.freePort());
             HttpClient http = HttpClient.newHttpClient()) {
            Properties smtp = new Properties();
            smtp.put("mail.smtp.host", "127.0.0.1");
            smtp.put("mail.smtp.port", String.valueOf(mail.smtpPort()));
            MimeMessage message = new MimeMessage(Session.getInstance(smtp));
            message.setFrom(new InternetAddress("nao-responda@healthmed.local"));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress("ana@clinica.test"));
            message.setSubject("Nova solicitação de consulta", "UTF-8");
            message.setText("Olá", "UTF-8");
            Transport.send(message);

            URI mails = URI.create("http://127.0.0.1:" + mail.apiPort() + "/mails");
            String listed = http.send(HttpRequest.newBuilder(mails).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(listed).contains("ana@clinica.test", "Nova solicitação de consulta");

            String emptied = http.send(HttpRequest.newBuilder(mails).DELETE().build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(emptied).isEqualTo("[ ]");
        }
    }
}
