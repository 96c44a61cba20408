package br.com.healthmed.command.notification;

import br.com.healthmed.api.appointment.AppointmentCancelledEvent;
import br.com.healthmed.api.common.AuditMetadata;
import br.com.healthmed.api.common.Email;
import br.com.healthmed.api.common.PasswordHash;
import br.com.healthmed.api.common.PersonName;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.staff.RegisterStaffMemberCommand;
import br.com.healthmed.api.staff.StaffId;
import br.com.healthmed.command.account.AccountRegistry;
import br.com.healthmed.command.account.LoginIdentifier;
import br.com.healthmed.command.notification.MailCatcher.Received;
import br.com.healthmed.command.support.Api;
import br.com.healthmed.command.support.IntegrationTest;
import br.com.healthmed.command.support.Scenario;
import br.com.healthmed.command.support.Scenario.Person;
import br.com.healthmed.command.support.TestData;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Issues 9 and 10, the account's end and its credentials, through a real SMTP server (GreenMail): erasing a patient
 * cancels their appointments and frees the slots, the doctor hearing nothing about the patient; deactivating a doctor
 * ends their sessions and logins and cancels their appointments with the reason mailed to each patient; a password
 * reset mails a single-use token, answers the same for accounts that do not exist, and ends every session, for every
 * kind of account: patients by e-mail, doctors by CRM and UF, ADMINs and AUDITORs by their login e-mail.
 */
@IntegrationTest
@TestPropertySource(properties = {
        "spring.mail.host=127.0.0.1",
        "healthmed.notifications.api-base-url=https://api.healthmed.test",
        "healthmed.notifications.send-attempts=2",
        "healthmed.notifications.first-backoff=PT0.1S",
        "healthmed.notifications.max-backoff=PT0.5S"})
class AccountLifecycleMailIT {

    private static final MailCatcher SMTP = MailCatcher.start();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern RESET_TOKEN = Pattern.compile("Código \\(vale uma vez, por 30 minutos\\): (\\S+)");

    @LocalServerPort
    int port;

    @Autowired
    EventStore events;

    @Autowired
    CommandGateway commands;

    @Autowired
    PasswordEncoder passwordEncoder;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccountRegistry accounts;

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
    void erasing_a_patient_cancels_every_active_appointment_frees_the_slots_and_tells_the_doctor_nothing_about_them() {
        Person doctor = scenario.verifiedDoctor(scenario.adminToken());
        Person patient = scenario.patient();
        UUID requestedSlot = scenario.publishSlot(doctor, 5, 9);
        UUID acceptedSlot = scenario.publishSlot(doctor, 5, 10);
        UUID requested = scenario.requested(patient, requestedSlot);
        UUID accepted = scenario.requested(patient, acceptedSlot);
        assertThat(api.post("/api/appointments/" + accepted + "/accept").token(doctor.accessToken()).send().status())
                .isEqualTo(200);

        assertThat(api.delete("/api/patients/me").token(patient.accessToken())
                .body(Map.of("password", TestData.PASSWORD)).send().status()).isEqualTo(204);

        for (UUID appointment : List.of(requested, accepted)) {
            AppointmentCancelledEvent cancelled = awaitCancelled(appointment);
            assertThat(cancelled.cancelledBy()).isEqualTo(Role.PATIENT);
        }
        Person another = scenario.patient();
        scenario.requested(another, requestedSlot);
        scenario.requested(another, acceptedSlot);

        List<Received> toDoctor = awaitMails(emailOf(doctor), "Consulta cancelada (conta do paciente encerrada)", 2);
        for (Received mail : toDoctor) {
            assertThat(mail.to()).containsExactly(emailOf(doctor));
            assertThat(mail.text()).contains("o paciente encerrou a conta", "(horário de America/Sao_Paulo)");
            assertThat(mail.everything()).doesNotContain("Maria da Silva", emailOf(patient),
                    (String) patient.registration().get("cpf"));
        }
    }

    @Test
    void deactivating_a_doctor_ends_their_sessions_and_logins_and_cancels_their_appointments_with_the_reason_mailed() {
        String admin = scenario.adminToken();
        Person doctor = scenario.verifiedDoctor(admin);
        Person patient = scenario.patient();
        UUID slot = scenario.publishSlot(doctor, 6, 9);
        UUID appointment = scenario.requested(patient, slot);
        assertThat(api.post("/api/appointments/" + appointment + "/accept").token(doctor.accessToken()).send().status())
                .isEqualTo(200);
        String path = "/api/admin/doctors/" + doctor.id() + "/deactivation";

        assertProblem(api.post(path).token(admin).body(Map.of("reason", "curto")).send(), 400, "reason-too-short");
        assertThat(api.post(path).token(patient.accessToken()).body(Map.of("reason", "Registro cassado pelo CRM")).send()
                .status()).isEqualTo(403);
        assertThat(api.post(path).token(admin).body(Map.of("reason", "Registro cassado pelo CRM")).send().status())
                .isEqualTo(204);

        assertProblem(api.post("/api/doctors/me/slots").token(doctor.accessToken()).body(TestData.slot(7, 9)).send(),
                401, "token-revoked");
        assertProblem(api.post("/api/auth/refresh").body(Map.of("refreshToken", doctor.refreshToken())).send(),
                401, "refresh-token-invalid");
        Map<String, Object> doctorLogin = Map.of("crm", doctor.registration().get("crm"), "uf", doctor.registration().get("uf"),
                "password", TestData.PASSWORD);
        assertProblem(api.post("/api/auth/doctor/login").body(doctorLogin).send(), 403, "account-deactivated");
        assertProblem(scenario.request(scenario.patient(), slot), 409, "doctor-deactivated");

        assertThat(awaitCancelled(appointment).cancelledBy()).isEqualTo(Role.ADMIN);
        Received mail = awaitMails(emailOf(patient), "Consulta cancelada:", 1).getFirst();
        assertThat(mail.to()).containsExactly(emailOf(patient));
        assertThat(mail.text()).contains("Motivo: Registro cassado pelo CRM", "09:00 (horário de America/Sao_Paulo)",
                "Dr. João Pereira");

        assertThat(api.post("/api/admin/doctors/" + doctor.id() + "/reactivation").token(admin).send().status())
                .isEqualTo(204);
        Api.Response again = api.post("/api/auth/doctor/login").body(doctorLogin).send();
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(api.post("/api/doctors/me/slots").token(again.text("accessToken")).body(TestData.slot(7, 9)).send()
                .status()).isEqualTo(201);
    }

    @Test
    void a_reset_mails_a_single_use_token_answers_the_same_for_unknown_accounts_and_ends_every_session() {
        Person patient = scenario.patient();
        String unknown = TestData.uniqueEmail("nobody");

        Api.Response known = api.post("/api/auth/patient/password-reset").body(Map.of("email", emailOf(patient))).send();
        Api.Response nobody = api.post("/api/auth/patient/password-reset").body(Map.of("email", unknown)).send();

        assertThat(known.status()).isEqualTo(202);
        assertThat(nobody.status()).isEqualTo(202);
        assertThat(nobody.raw().body()).isEqualTo(known.raw().body());
        assertThat(nobody.contentType()).isEqualTo(known.contentType());
        Received mail = awaitMails(emailOf(patient), "Redefinição de senha", 1).getFirst();
        assertThat(mail.text()).contains("POST https://api.healthmed.test/api/auth/password-reset/confirm");
        String token = tokenIn(mail);

        assertProblem(api.post("/api/auth/password-reset/confirm").body(Map.of("token", token, "newPassword", "curta"))
                .send(), 400, "password-too-short");
        assertProblem(api.post("/api/auth/password-reset/confirm").body(Map.of("token", token + "x", "newPassword",
                "uma senha nova e longa")).send(), 400, "password-reset-token-invalid");
        assertThat(api.post("/api/auth/password-reset/confirm").body(Map.of("token", token, "newPassword",
                "uma senha nova e longa")).send().status()).isEqualTo(204);
        assertProblem(api.post("/api/auth/password-reset/confirm").body(Map.of("token", token, "newPassword",
                "outra senha nova e longa")).send(), 400, "password-reset-token-invalid");

        assertProblem(api.post("/api/auth/password").token(patient.accessToken())
                .body(Map.of("currentPassword", "uma senha nova e longa", "newPassword", "mais uma senha longa")).send(),
                401, "token-revoked");
        assertProblem(api.post("/api/auth/refresh").body(Map.of("refreshToken", patient.refreshToken())).send(),
                401, "refresh-token-invalid");
        assertProblem(api.post("/api/auth/patient/login").body(Map.of("login", emailOf(patient), "password",
                TestData.PASSWORD)).send(), 401, "invalid-credentials");
        assertThat(api.post("/api/auth/patient/login").body(Map.of("login", emailOf(patient), "password",
                "uma senha nova e longa")).send().status()).isEqualTo(200);
        assertThat(SMTP.received()).noneMatch(received -> received.to().contains(unknown));
    }

    @Test
    void a_doctor_asks_for_a_reset_with_crm_and_uf_and_it_reaches_the_registered_address() {
        Person doctor = scenario.unverifiedDoctor();

        assertThat(api.post("/api/auth/doctor/password-reset").body(Map.of("crm", doctor.registration().get("crm"),
                "uf", doctor.registration().get("uf"))).send().status()).isEqualTo(202);

        Received mail = awaitMails(emailOf(doctor), "Redefinição de senha", 1).getFirst();
        assertThat(mail.text()).contains("Olá, Dr. João Pereira.");
        assertThat(tokenIn(mail)).hasSizeGreaterThanOrEqualTo(43);
    }

    /**
     * Staff accounts log in with an e-mail, so they ask for a reset with it (ADR 0029). The address is the one the
     * notifications processor learnt from the registration: the test waits for it, as a reset asked the very moment an
     * account is created finds no address yet.
     */
    @Test
    void an_admin_and_an_auditor_reset_their_passwords_by_e_mail_and_a_patients_address_is_no_staff_login() {
        String admin = scenario.adminToken();
        String auditorEmail = TestData.uniqueEmail("auditor");
        Api.Response auditor = api.post("/api/admin/auditors").token(admin)
                .body(Map.of("name", "Clara Nunes", "email", auditorEmail, "password", TestData.PASSWORD)).send();
        assertThat(auditor.status()).as(auditor.toString()).isEqualTo(201);
        String adminEmail = TestData.uniqueEmail("admin");
        StaffId secondAdmin = StaffId.random();
        commands.sendAndWait(new RegisterStaffMemberCommand(secondAdmin, Role.ADMIN, new PersonName("Beatriz Lima"),
                new Email(adminEmail), new PasswordHash(passwordEncoder.encode(TestData.PASSWORD))),
                MetaData.with(AuditMetadata.USER_ID, UUID.randomUUID().toString()).and(AuditMetadata.ROLE, Role.ADMIN.name())
                        .and(AuditMetadata.CORRELATION_ID, UUID.randomUUID().toString()));
        Person patient = scenario.patient();
        awaitContact(UUID.fromString(auditor.text("auditorId")));
        awaitContact(secondAdmin.value());
        awaitContact(patient.id());

        assertThat(api.post("/api/auth/admin/password-reset").body(Map.of("email", emailOf(patient))).send().status())
                .as("a patient's e-mail at the staff endpoint").isEqualTo(202);
        Map<String, String> staff = Map.of(auditorEmail, "Clara Nunes", adminEmail, "Beatriz Lima");
        staff.forEach((email, name) -> {
            Api.Response asked = api.post("/api/auth/admin/password-reset").body(Map.of("email", email)).send();
            assertThat(asked.status()).as(asked.toString()).isEqualTo(202);
            Received mail = awaitMails(email, "Redefinição de senha", 1).getFirst();
            assertThat(mail.to()).containsExactly(email);
            assertThat(mail.text()).contains("Olá, " + name + ".");
            String newPassword = "nova senha de " + name;

            assertThat(api.post("/api/auth/password-reset/confirm").body(Map.of("token", tokenIn(mail), "newPassword",
                    newPassword)).send().status()).isEqualTo(204);

            assertProblem(api.post("/api/auth/admin/login").body(Map.of("email", email, "password", TestData.PASSWORD))
                    .send(), 401, "invalid-credentials");
            // The new password is the right one: a staff account without a second factor is sent to enrol (ADR 0024).
            assertProblem(api.post("/api/auth/admin/login").body(Map.of("email", email, "password", newPassword)).send(),
                    401, "mfa-enrolment-required");
        });
        assertThat(SMTP.received()).as("nothing for the patient, whose address is no staff login")
                .noneMatch(received -> received.to().contains(emailOf(patient)));
    }

    /** V11 fills in the addresses of staff registered before the processor kept them; it leaves existing rows alone. */
    @Test
    void the_staff_contacts_migration_copies_the_sealed_address_from_the_stored_registration() throws Exception {
        UUID admin = accounts.findByIdentifier(LoginIdentifier.staffEmail(new Email(Scenario.ADMIN_EMAIL))).orElseThrow()
                .accountId();
        awaitContact(admin);
        Map<String, Object> learnt = contactRow(admin);
        String migration = new String(getClass().getResourceAsStream("/db/migration/V11__staff_notification_contacts.sql")
                .readAllBytes(), StandardCharsets.UTF_8);
        jdbc.sql("DELETE FROM notification_contact WHERE person_id = ?").param(admin).update();

        jdbc.sql(migration).update();
        jdbc.sql(migration).update();

        assertThat(contactRow(admin)).isEqualTo(learnt);
        assertThat((String) learnt.get("email")).startsWith("sealed:v1:" + admin + ":");
    }

    private Map<String, Object> contactRow(UUID person) {
        return jdbc.sql("SELECT name, email, time_zone FROM notification_contact WHERE person_id = ?").param(person)
                .query().singleRow();
    }

    @Test
    void reset_requests_for_one_login_name_are_throttled_whether_or_not_the_account_exists() {
        String unknown = TestData.uniqueEmail("flood");
        for (int i = 0; i < 5; i++) {
            assertThat(api.post("/api/auth/patient/password-reset").body(Map.of("email", unknown)).send().status())
                    .isEqualTo(202);
        }

        Api.Response refused = api.post("/api/auth/patient/password-reset").body(Map.of("email", unknown)).send();

        assertProblem(refused, 429, "too-many-reset-requests");
        assertThat(refused.header("Retry-After")).isNotBlank();
    }

    private static String tokenIn(Received mail) {
        Matcher matcher = RESET_TOKEN.matcher(mail.text());
        assertThat(matcher.find()).as(mail.text()).isTrue();
        return matcher.group(1);
    }

    private void awaitContact(UUID person) {
        Instant giveUp = Instant.now().plus(WAIT);
        while (jdbc.sql("SELECT count(*) FROM notification_contact WHERE person_id = ?").param(person).query(Long.class)
                .single() == 0) {
            if (Instant.now().isAfter(giveUp)) {
                fail("the notifications processor did not record the address of %s within %s", person, WAIT);
            }
            pause();
        }
    }

    private AppointmentCancelledEvent awaitCancelled(UUID appointment) {
        Instant giveUp = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(giveUp)) {
            List<Object> history = events.readEvents(appointment.toString()).asStream().<Object>map(Message::getPayload).toList();
            if (history.getLast() instanceof AppointmentCancelledEvent cancelled) {
                return cancelled;
            }
            pause();
        }
        return fail("appointment %s was not cancelled within %s", appointment, WAIT);
    }

    private static List<Received> awaitMails(String recipient, String subjectStart, int count) {
        Instant giveUp = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(giveUp)) {
            List<Received> found = SMTP.received().stream()
                    .filter(mail -> mail.to().contains(recipient) && mail.subject().startsWith(subjectStart)).toList();
            if (found.size() >= count) {
                return found;
            }
            pause();
        }
        return fail("expected %d mail(s) '%s…' to %s within %s", count, subjectStart, recipient, WAIT);
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }

    private static void assertProblem(Api.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
        assertThat(response.code()).as(response.toString()).isEqualTo(code);
    }
}
