package br.com.healthmed.command.notification;

import br.com.healthmed.command.notification.MailCatcher.Received;
import br.com.healthmed.command.support.Api;
import br.com.healthmed.command.support.IntegrationTest;
import br.com.healthmed.command.support.Scenario;
import br.com.healthmed.command.support.Scenario.Person;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mails that time sends, through a real SMTP server (GreenMail) and real deadlines in PostgreSQL: an unanswered
 * request expires and both parties are told; a reminder reaches the patient of an accepted appointment and none the
 * patient who cancelled. And the doctor's cancellation, with its justification. Requests expire after 15 s here, and
 * the one reminder is 3 h before the start, so that a slot published 3 h and some seconds ahead is reminded of at once.
 */
@IntegrationTest
@TestPropertySource(properties = {
        "spring.mail.host=127.0.0.1",
        "healthmed.notifications.api-base-url=https://api.healthmed.test",
        "healthmed.lifecycle.request-expiry=PT15S",
        "healthmed.lifecycle.reminders=PT3H",
        "db-scheduler.polling-interval=PT0.5S"})
class LifecycleMailsIT {

    private static final MailCatcher SMTP = MailCatcher.start();
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final ZoneId SAO_PAULO = ZoneId.of("America/Sao_Paulo");
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm");

    @LocalServerPort
    int port;

    Api api;
    Scenario scenario;

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", SMTP::port);
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.goDown();
    }

    @BeforeEach
    void setUp() {
        api = new Api(port);
        scenario = new Scenario(api, SMTP::confirmationToken);
    }

    private static String emailOf(Person person) {
        return (String) person.registration().get("email");
    }

    @Test
    void an_unanswered_request_expires_and_both_parties_are_mailed_in_the_doctors_local_time() {
        Person doctor = scenario.verifiedDoctor(scenario.adminToken());
        Person patient = scenario.patient();
        scenario.requested(patient, scenario.publishSlot(doctor, 5, 9));

        Received toDoctor = mailTo(emailOf(doctor), "Solicitação expirada");
        assertThat(toDoctor.to()).containsExactly(emailOf(doctor));
        assertThat(toDoctor.text()).contains("Maria da Silva", "09:00 (horário de America/Sao_Paulo)",
                "expirou sem resposta");
        assertThat(toDoctor.html()).contains("09:00 (horário de America/Sao_Paulo)");
        assertThat(toDoctor.everything()).doesNotContain(emailOf(patient), (String) patient.registration().get("cpf"));

        Received toPatient = mailTo(emailOf(patient), "Solicitação de consulta expirada");
        assertThat(toPatient.to()).containsExactly(emailOf(patient));
        assertThat(toPatient.text()).contains("Dr. João Pereira", "09:00 (horário de America/Sao_Paulo)",
                "Você pode escolher outro horário");
        assertThat(toPatient.everything()).doesNotContain(emailOf(doctor), (String) doctor.registration().get("crm"));
    }

    @Test
    void a_doctors_cancellation_reaches_the_patient_with_the_justification() {
        Person doctor = scenario.verifiedDoctor(scenario.adminToken());
        Person patient = scenario.patient();
        UUID appointment = scenario.requested(patient, scenario.publishSlot(doctor, 6, 15));
        assertThat(api.post("/api/appointments/" + appointment + "/accept").token(doctor.accessToken()).send().status())
                .isEqualTo(200);

        assertThat(api.post("/api/appointments/" + appointment + "/cancel").token(doctor.accessToken())
                .body(Map.of("justification", "Precisei viajar para um congresso")).send().status()).isEqualTo(200);

        Received cancelled = mailTo(emailOf(patient), "Consulta cancelada pelo médico");
        assertThat(cancelled.to()).containsExactly(emailOf(patient));
        assertThat(cancelled.text()).contains("Dr. João Pereira", "15:00 (horário de America/Sao_Paulo)",
                "Justificativa: Precisei viajar para um congresso");
        assertThat(cancelled.everything()).doesNotContain(emailOf(doctor), (String) doctor.registration().get("crm"));
    }

    /**
     * Two appointments with two doctors, each reminded of 3 h before its start: the one cancelled falls due first, and
     * by the time the other's reminder has arrived, nothing was sent for it (its deadline was cancelled with it).
     */
    @Test
    void an_accepted_appointment_is_reminded_of_and_a_cancelled_one_is_not() {
        String admin = scenario.adminToken();
        Person keptDoctor = scenario.verifiedDoctor(admin);
        Person cancelledDoctor = scenario.verifiedDoctor(admin);
        Person kept = scenario.patient();
        Person cancelled = scenario.patient();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant cancelledStart = now.plus(Duration.ofHours(3)).plusSeconds(40);
        Instant keptStart = cancelledStart.plusSeconds(5);

        UUID keptAppointment = scenario.requested(kept, publish(keptDoctor, keptStart));
        UUID cancelledAppointment = scenario.requested(cancelled, publish(cancelledDoctor, cancelledStart));
        assertThat(api.post("/api/appointments/" + keptAppointment + "/accept").token(keptDoctor.accessToken()).send()
                .status()).isEqualTo(200);
        assertThat(api.post("/api/appointments/" + cancelledAppointment + "/accept").token(cancelledDoctor.accessToken())
                .send().status()).isEqualTo(200);
        assertThat(api.post("/api/appointments/" + cancelledAppointment + "/cancel").token(cancelled.accessToken())
                .body(Map.of("justification", "Não vou conseguir chegar a tempo")).send().status()).isEqualTo(200);

        Received reminder = mailTo(emailOf(kept), "Lembrete: consulta em 3 horas");
        assertThat(reminder.to()).containsExactly(emailOf(kept));
        assertThat(reminder.text()).contains("Dr. João Pereira",
                HOUR.format(keptStart.atZone(SAO_PAULO)) + " (horário de America/Sao_Paulo)");
        assertThat(reminder.everything()).doesNotContain(emailOf(keptDoctor), (String) keptDoctor.registration().get("crm"));
        assertThat(SMTP.received()).as("no reminder for the cancelled appointment")
                .noneMatch(mail -> mail.to().contains(emailOf(cancelled)) && mail.subject().startsWith("Lembrete"));
    }

    private UUID publish(Person doctor, Instant start) {
        Api.Response published = api.post("/api/doctors/me/slots").token(doctor.accessToken())
                .body(Map.of("start", start.toString(), "end", start.plus(Duration.ofMinutes(30)).toString())).send();
        assertThat(published.status()).as("publish: %s", published).isEqualTo(201);
        return UUID.fromString(published.json().path("slotIds").get(0).asText());
    }

    private static Received mailTo(String recipient, String subjectStart) {
        Instant giveUp = Instant.now().plus(WAIT);
        while (true) {
            var found = SMTP.received().stream()
                    .filter(mail -> mail.to().contains(recipient) && mail.subject().startsWith(subjectStart)).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            assertThat(Instant.now()).as("a mail '%s…' to %s within %s", subjectStart, recipient, WAIT).isBefore(giveUp);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
