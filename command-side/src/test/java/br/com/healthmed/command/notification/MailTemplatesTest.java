package br.com.healthmed.command.notification;

import br.com.healthmed.command.notification.Contacts.Contact;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class MailTemplatesTest {

    private static final Instant START = Instant.parse("2030-01-07T12:00:00Z");
    private final MailTemplates templates = new MailTemplates("https://api.example/");
    private final Contact doctor = new Contact("Dra. Ana <Souza>", "ana@clinica.test", ZoneId.of("America/Manaus"));
    private final Contact patient = new Contact("Maria", "maria@example.test", null);

    @Test
    void times_are_the_doctors_local_time_with_the_zone_named() {
        assertThat(MailTemplates.when(START, ZoneId.of("America/Manaus")))
                .isEqualTo("segunda-feira, 07/01/2030 às 08:00 (horário de America/Manaus)");
    }

    @Test
    void the_doctors_mail_links_accept_and_reject_and_escapes_names_in_html() {
        UUID id = UUID.randomUUID();

        Mail mail = templates.newRequest(doctor, patient, id, START);

        assertThat(mail.to()).isEqualTo("ana@clinica.test");
        assertThat(mail.text()).contains("POST https://api.example/api/appointments/" + id + "/accept")
                .doesNotContain("maria@example.test");
        assertThat(mail.html()).contains("Dra. Ana &lt;Souza&gt;").doesNotContain("<Souza>");
    }

    @Test
    void a_rejection_tells_the_patient_the_reason() {
        Mail mail = templates.rejected(patient, doctor, START, "Agenda indisponível");

        assertThat(mail.to()).isEqualTo("maria@example.test");
        assertThat(mail.text()).contains("Motivo: Agenda indisponível", "08:00 (horário de America/Manaus)");
        assertThat(mail.calendar()).isNull();
    }

    @Test
    void a_reminder_says_when_in_words_and_in_the_doctors_time() {
        Mail mail = templates.reminder(patient, doctor, START, Duration.ofHours(2));

        assertThat(mail.to()).isEqualTo("maria@example.test");
        assertThat(mail.subject()).startsWith("Lembrete: consulta em 2 horas");
        assertThat(mail.text()).contains("08:00 (horário de America/Manaus)").doesNotContain("ana@clinica.test");
        assertThat(MailTemplates.soon(Duration.ofHours(24))).isEqualTo("amanhã");
        assertThat(MailTemplates.soon(Duration.ofMinutes(90))).isEqualTo("em 90 minutos");
    }
}
