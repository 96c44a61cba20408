package br.com.healthmed.command.patient;

import br.com.healthmed.api.common.Email;
import br.com.healthmed.api.patient.Cpf;
import br.com.healthmed.command.account.LoginIdentifier;
import br.com.healthmed.command.account.LoginNameRows;
import br.com.healthmed.command.support.Api;
import br.com.healthmed.command.support.IntegrationTest;
import br.com.healthmed.testing.MovableClock;
import br.com.healthmed.command.support.Scenario;
import br.com.healthmed.command.support.TestData;
import br.com.healthmed.testing.HostileTokens;
import br.com.healthmed.testing.SharedInfrastructure;
import br.com.healthmed.testing.TestMailbox;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 9, item 7: the patient registration answered 201 with an id for a new patient and 409
 * {@code email-already-registered} / {@code cpf-already-registered} otherwise, so anyone could learn whether a CPF or
 * an e-mail belongs to a patient. Now every well-formed registration gets the same 202 (ADR 0033); what happens next
 * is told by mail, to the address that may know it.
 */
@IntegrationTest
@Import(RegistrationEnumerationIT.MovableTime.class)
class RegistrationEnumerationIT {

    private static final Duration VALIDITY = Duration.ofHours(24);

    @TestConfiguration
    static class MovableTime {

        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock(Instant.now());
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    MovableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    private LoginNameRows loginNames;

    private final TestMailbox mailbox = SharedInfrastructure.mailbox();
    private Api api;
    private Scenario scenario;

    @BeforeEach
    void setUp() {
        clock.moveTo(Instant.now());
        api = new Api(port);
        scenario = new Scenario(api);
        loginNames = new LoginNameRows(context);
    }

    @Test
    void a_taken_email_and_a_taken_cpf_answer_exactly_like_a_fresh_registration_and_create_nothing() {
        Map<String, Object> owner = TestData.patient(TestData.uniqueEmail("owner"), TestData.cpf());
        scenario.registerAndConfirm(owner);
        UUID ownerId = loginOf(owner);
        awaitContactOf(ownerId);
        long registrationsBefore = registrationEvents();

        Api.Response fresh = api.post("/api/patients").body(TestData.patient(TestData.uniqueEmail("fresh"), TestData.cpf())).send();
        Api.Response takenEmail = api.post("/api/patients")
                .body(TestData.patient(((String) owner.get("email")).toUpperCase(Locale.ROOT), TestData.cpf())).send();
        String intruderEmail = TestData.uniqueEmail("intruder");
        Api.Response takenCpf = api.post("/api/patients").body(TestData.patient(intruderEmail, (String) owner.get("cpf"))).send();

        assertThat(fresh.status()).isEqualTo(202);
        assertThat(fresh.json().path("status").asText()).isEqualTo("confirmation-sent");
        assertThat(fresh.json().has("patientId")).as("the answer names nobody").isFalse();
        for (Api.Response answer : List.of(takenEmail, takenCpf)) {
            assertThat(answer.status()).isEqualTo(fresh.status());
            assertThat(answer.raw().body()).isEqualTo(fresh.raw().body());
            assertThat(comparableHeaders(answer)).isEqualTo(comparableHeaders(fresh));
        }
        assertThat(registrationEvents() - registrationsBefore).as("only the fresh registration was recorded").isEqualTo(1);
        assertThat(loginNames.accountsHolding(LoginIdentifier.patientEmail(new Email((String) owner.get("email")))))
                .containsExactly(ownerId);
        assertThat(loginNames.accountsHolding(LoginIdentifier.patientCpf(new Cpf((String) owner.get("cpf")))))
                .containsExactly(ownerId);
        assertThat(loginNames.accountsHolding(LoginIdentifier.patientEmail(new Email(intruderEmail)))).isEmpty();

        String ownerEmail = (String) owner.get("email");
        assertThat(mailbox.awaitTo(ownerEmail, mail -> mail.subject().equals("Tentativa de cadastro com o seu e-mail"), 1,
                Duration.ofSeconds(30))).singleElement().satisfies(mail ->
                assertThat(mail.text()).contains("Nenhum cadastro novo foi criado").contains("/api/auth/patient/password-reset"));
        assertThat(mailbox.awaitTo(ownerEmail, mail -> mail.subject().equals("Tentativa de cadastro com o seu CPF"), 1,
                Duration.ofSeconds(30))).singleElement().satisfies(mail ->
                assertThat(mail.text()).doesNotContain(intruderEmail, (String) owner.get("cpf")));
        assertThat(mailbox.to(intruderEmail)).as("the CPF's intruder learns nothing by mail either").isEmpty();
    }

    @Test
    void an_unconfirmed_patient_is_refused_login_with_the_code_only_after_the_right_password_and_confirms_once() {
        Map<String, Object> registration = TestData.patient(TestData.uniqueEmail("pending"), TestData.cpf());
        String email = (String) registration.get("email");
        assertThat(api.post("/api/patients").body(registration).send().status()).isEqualTo(202);

        Api.Response wrongPassword = login(email, "not-the-password-at-all");
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongPassword.code()).as("without the password nothing is said").isEqualTo("invalid-credentials");
        Api.Response rightPassword = login(email, TestData.PASSWORD);
        assertThat(rightPassword.status()).isEqualTo(403);
        assertThat(rightPassword.code()).isEqualTo("email-not-confirmed");
        assertThat(rightPassword.raw().body()).doesNotContain("accessToken");

        String token = mailbox.confirmationToken(email);
        assertThat(confirm(token).status()).isEqualTo(204);
        assertThat(login(email, TestData.PASSWORD).status()).isEqualTo(200);
        Api.Response again = confirm(token);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.code()).as("single use").isEqualTo("confirmation-token-invalid");
        assertThat(confirm("A".repeat(43)).code()).isEqualTo("confirmation-token-invalid");
    }

    @Test
    void a_confirmation_asked_for_again_replaces_the_earlier_one_and_an_unknown_address_gets_the_same_answer() {
        Map<String, Object> registration = TestData.patient(TestData.uniqueEmail("resend"), TestData.cpf());
        String email = (String) registration.get("email");
        assertThat(api.post("/api/patients").body(registration).send().status()).isEqualTo(202);
        String first = mailbox.confirmationToken(email, 1);
        awaitContactOf(awaitAccountOf(email));

        Api.Response resent = api.post("/api/patients/confirmation/resend").body(Map.of("email", email)).send();
        Api.Response unknown = api.post("/api/patients/confirmation/resend")
                .body(Map.of("email", TestData.uniqueEmail("nobody"))).send();
        assertThat(resent.status()).isEqualTo(202);
        assertThat(unknown.status()).isEqualTo(202);
        assertThat(unknown.raw().body()).isEqualTo(resent.raw().body());

        String second = mailbox.confirmationToken(email, 2);
        assertThat(confirm(first).code()).as("superseded").isEqualTo("confirmation-token-invalid");
        assertThat(confirm(second).status()).isEqualTo(204);
        assertThat(login(email, TestData.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void an_unconfirmed_registration_expires_with_its_time_and_releases_email_and_cpf() {
        Map<String, Object> squatter = TestData.patient(TestData.uniqueEmail("squat"), TestData.cpf());
        String email = (String) squatter.get("email");
        assertThat(api.post("/api/patients").body(squatter).send().status()).isEqualTo(202);
        String squattersToken = mailbox.confirmationToken(email, 1);
        UUID squatterId = awaitAccountOf(email);

        clock.moveTo(clock.instant().plus(VALIDITY).plusSeconds(1));
        Api.Response late = confirm(squattersToken);
        assertThat(late.status()).isEqualTo(400);
        assertThat(late.code()).isEqualTo("confirmation-token-expired");

        Map<String, Object> rightful = new LinkedHashMap<>(squatter);
        rightful.put("password", "a-different-long-password");
        assertThat(api.post("/api/patients").body(rightful).send().status()).isEqualTo(202);
        assertThat(confirm(mailbox.confirmationToken(email, 2)).status()).isEqualTo(204);
        Api.Response login = login(email, "a-different-long-password");
        assertThat(login.status()).as("the e-mail and CPF were free for a new registration: %s", login).isEqualTo(200);
        UUID rightfulId = HostileTokens.subjectOf(login.text("accessToken"));
        assertThat(rightfulId).isNotEqualTo(squatterId);
        assertThat(loginNames.accountsHolding(LoginIdentifier.patientCpf(new Cpf((String) squatter.get("cpf")))))
                .containsExactly(rightfulId);
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM domain_event_entry
                         WHERE aggregate_identifier = ? AND payload_type = 'healthmed.patient.PatientRegistrationExpired'""")
                .param(squatterId.toString()).query(Long.class).single()).isEqualTo(1);
    }

    private Api.Response login(String login, String password) {
        return api.post("/api/auth/patient/login").body(Map.of("login", login, "password", password)).send();
    }

    private Api.Response confirm(String token) {
        return api.post("/api/patients/confirmation").body(Map.of("token", token)).send();
    }

    private UUID loginOf(Map<String, Object> registration) {
        Api.Response login = login((String) registration.get("email"), TestData.PASSWORD);
        assertThat(login.status()).as("login: %s", login).isEqualTo(200);
        return HostileTokens.subjectOf(login.text("accessToken"));
    }

    private UUID awaitAccountOf(String email) {
        List<UUID> holders = loginNames.accountsHolding(LoginIdentifier.patientEmail(new Email(email)));
        assertThat(holders).hasSize(1);
        return holders.getFirst();
    }

    /** The notifications processor learns addresses from the events, a moment after the registration. */
    private void awaitContactOf(UUID person) {
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("SELECT count(*) FROM notification_contact WHERE person_id = ?")
                .param(person).query(Long.class).single() == 1);
    }

    private long registrationEvents() {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE payload_type = 'healthmed.patient.PatientRegistered'")
                .query(Long.class).single();
    }

    /** Every header but the date, the trace and the correlation ids, which differ between any two answers. */
    private static Map<String, List<String>> comparableHeaders(Api.Response response) {
        Map<String, List<String>> headers = new TreeMap<>();
        response.raw().headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.equals("date") && !lower.contains("trace") && !lower.equals("x-correlation-id")) {
                headers.put(lower, values);
            }
        });
        return headers;
    }
}
