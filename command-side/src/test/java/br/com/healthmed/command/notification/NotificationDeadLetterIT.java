package br.com.healthmed.command.notification;

import br.com.healthmed.command.support.Api;
import br.com.healthmed.command.support.IntegrationTest;
import br.com.healthmed.command.support.Scenario;
import br.com.healthmed.command.support.Scenario.Person;
import br.com.healthmed.command.support.TestData;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After the last retry a notification stays parked in the dead-letter queue until an ADMIN retries it; a retry reads
 * the recipient through the vault then, so a patient erased meanwhile gets nothing.
 */
@IntegrationTest
@TestPropertySource(properties = {
        "spring.mail.host=127.0.0.1",
        "healthmed.notifications.send-attempts=1",
        "healthmed.notifications.first-backoff=PT0.1S",
        "healthmed.notifications.max-backoff=PT0.2S",
        "healthmed.notifications.max-failures=2",
        "healthmed.notifications.redelivery-check=PT0.2S"})
class NotificationDeadLetterIT {

    private static final MailCatcher SMTP = MailCatcher.start();
    private static final String DEAD_LETTERS = "/api/admin/notifications/dead-letters";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", SMTP::port);
    }

    @AfterAll
    static void stopSmtp() {
        SMTP.goDown();
    }

    @BeforeEach
    void emptyMailbox() {
        SMTP.clear();
    }

    @Test
    void a_parked_notification_waits_for_an_admin_who_can_retry_it_once_the_server_is_back() throws Exception {
        Api api = new Api(port);
        Scenario scenario = new Scenario(api, SMTP::confirmationToken);
        String admin = scenario.adminToken();
        Person doctor = scenario.verifiedDoctor(admin);
        Person patient = scenario.patient();
        UUID slot = scenario.publishSlot(doctor, 4, 11);

        SMTP.goDown();
        UUID appointment = scenario.requested(patient, slot);
        JsonNode parked = awaitParked(api, admin);
        assertThat(parked.path("failures").asInt()).isEqualTo(2);
        assertThat(parked.path("eventType").asText()).isEqualTo("AppointmentRequestedEvent");
        SMTP.comeBack();

        Thread.sleep(1500);
        assertThat(SMTP.received()).as("a parked notification is not retried on its own").isEmpty();
        assertThat(api.post(DEAD_LETTERS + "/" + parked.path("id").asText() + "/retry").token(doctor.accessToken())
                .send().status()).as("only an ADMIN").isEqualTo(403);

        Api.Response retried = api.post(DEAD_LETTERS + "/" + parked.path("id").asText() + "/retry").token(admin).send();
        assertThat(retried.status()).as("%s", retried).isEqualTo(200);
        assertThat(retried.json().path("delivered").asBoolean()).isTrue();
        var mails = SMTP.awaitTo((String) doctor.registration().get("email"), 1, Duration.ofSeconds(10));
        assertThat(mails).singleElement().satisfies(mail -> assertThat(mail.text()).contains(appointment.toString()));
        assertThat(Api.body(api.get(DEAD_LETTERS, "Authorization", Api.bearer(admin)))).isEmpty();

        Api.Response unknown = api.post(DEAD_LETTERS + "/" + UUID.randomUUID() + "/retry").token(admin).send();
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("dead-letter-not-found");
    }

    /**
     * The acceptance mail to the patient is parked while the server is down; the patient erases the account; the
     * ADMIN's retry finds no readable address and sends nothing to them. The appointment's cancellation that the
     * erasure causes reaches the doctor without the patient's data, whether it waited behind the parked letter or not.
     */
    @Test
    void a_parked_mail_for_a_patient_erased_meanwhile_is_not_sent_when_an_admin_retries_it() throws Exception {
        Api api = new Api(port);
        Scenario scenario = new Scenario(api, SMTP::confirmationToken);
        String admin = scenario.adminToken();
        Person doctor = scenario.verifiedDoctor(admin);
        Person patient = scenario.patient();
        String doctorEmail = (String) doctor.registration().get("email");
        String patientEmail = (String) patient.registration().get("email");
        UUID appointment = scenario.requested(patient, scenario.publishSlot(doctor, 4, 15));
        SMTP.awaitTo(doctorEmail, 1, Duration.ofSeconds(30));

        SMTP.goDown();
        assertThat(api.post("/api/appointments/" + appointment + "/accept").token(doctor.accessToken()).send().status())
                .isEqualTo(200);
        JsonNode parked = awaitParked(api, admin);
        assertThat(parked.path("eventType").asText()).isEqualTo("AppointmentAcceptedEvent");
        SMTP.comeBack();
        assertThat(api.delete("/api/patients/me").token(patient.accessToken())
                .body(Map.of("password", TestData.PASSWORD)).send().status()).isEqualTo(204);
        awaitForgotten(patient.id());

        Api.Response retried = api.post(DEAD_LETTERS + "/" + parked.path("id").asText() + "/retry").token(admin).send();
        assertThat(retried.status()).as("%s", retried).isEqualTo(200);

        // The server that came back is a new one: the request's mail stayed with the old.
        var cancelled = SMTP.awaitTo(doctorEmail, 1, Duration.ofSeconds(30)).stream()
                .filter(mail -> mail.subject().startsWith("Consulta cancelada (conta do paciente encerrada)")).toList();
        assertThat(cancelled).singleElement().satisfies(mail -> assertThat(mail.everything())
                .doesNotContain("Maria da Silva", patientEmail, (String) patient.registration().get("cpf")));
        assertThat(SMTP.received()).as("nothing for the erased patient")
                .noneMatch(mail -> mail.to().contains(patientEmail));
    }

    private void awaitForgotten(UUID patient) throws InterruptedException {
        Instant giveUp = Instant.now().plusSeconds(30);
        while (jdbc.sql("SELECT count(*) FROM notification_contact WHERE person_id = ?").param(patient)
                .query(Long.class).single() > 0) {
            assertThat(Instant.now()).as("the erased patient's address is forgotten").isBefore(giveUp);
            Thread.sleep(200);
        }
    }

    private static JsonNode awaitParked(Api api, String admin) throws InterruptedException {
        for (int i = 0; i < 150; i++) {
            JsonNode letters = Api.body(api.get(DEAD_LETTERS, "Authorization", Api.bearer(admin)));
            var found = StreamSupport.stream(letters.spliterator(), false).filter(l -> l.path("parked").asBoolean()).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the notification was not parked");
    }
}
