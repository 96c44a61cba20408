package br.com.healthmed.command.privacy;

import br.com.healthmed.api.appointment.AppointmentCancelledEvent;
import br.com.healthmed.api.doctor.DoctorRegisteredEvent;
import br.com.healthmed.api.patient.PatientRegisteredEvent;
import br.com.healthmed.command.support.Api;
import br.com.healthmed.command.support.IntegrationTest;
import br.com.healthmed.command.support.Scenario;
import br.com.healthmed.command.support.Scenario.Person;
import br.com.healthmed.command.support.TestData;
import br.com.healthmed.testing.HostileTokens;
import br.com.healthmed.testing.StoredText;
import org.assertj.core.api.SoftAssertions;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import javax.sql.DataSource;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * LGPD: personal data never sits in clear anywhere the command side writes (every table, snapshots included, Redis,
 * its logs), and shredding a person's key erases it everywhere.
 */
@IntegrationTest
@TestPropertySource(properties = {
        // Low thresholds, so the scenario below leaves snapshots of both snapshotted aggregates to inspect.
        "healthmed.snapshots.schedule-threshold=3",
        "healthmed.snapshots.patient-threshold=2",
        // Our own code's DEBUG logs are checked too.
        "logging.level.br.com.healthmed=DEBUG"})
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataIT {

    private static final String JUSTIFICATION = "Estou com sintomas de gripe forte e febre alta.";
    private static final String REJECTION_REASON = "Sem horario livre por causa de um congresso medico.";
    private static final String PATIENT_NAME = "Benedita Quaresma Vilanova";
    private static final String DOCTOR_NAME = "Dr. Anselmo Tavares Brandao";
    private static final String PHONE = "+55 21 98765-4321";
    private static final String BIRTH_DATE = "1987-09-23";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    EventStore eventStore;

    @Autowired
    PersonalDataVault vault;

    @Autowired
    StringRedisTemplate redis;

    private final String cpf = TestData.cpf();
    private final String patientEmail = TestData.uniqueEmail("benedita");
    private final String doctorEmail = TestData.uniqueEmail("anselmo");
    private UUID patientId;
    private UUID doctorId;

    /**
     * One patient and one doctor go through every path that writes: registration (and a duplicate one), logins by
     * e-mail and by CPF, failed logins, token refresh and reuse, an idempotent request, a cancellation and a rejection.
     */
    private void aPatientAndADoctorUseEveryPathThatWrites() {
        Api api = new Api(port);
        Scenario scenario = new Scenario(api);
        Map<String, Object> doctorRegistration = TestData.doctor(TestData.crmNumber(), "RJ");
        doctorRegistration.put("name", DOCTOR_NAME);
        doctorRegistration.put("email", doctorEmail);
        Api.Response doctorCreated = api.post("/api/doctors").body(doctorRegistration).send();
        assertThat(doctorCreated.status()).as("doctor registration: %s", doctorCreated).isEqualTo(201);
        doctorId = UUID.fromString(doctorCreated.text("doctorId"));
        assertThat(api.post("/api/admin/doctors/" + doctorId + "/verification").token(scenario.adminToken()).send().status())
                .isEqualTo(204);
        String doctorToken = api.post("/api/auth/doctor/login").body(Map.of("crm", doctorRegistration.get("crm"),
                "uf", "RJ", "password", TestData.PASSWORD)).send().text("accessToken");
        Person doctor = new Person(doctorId, doctorToken, null, doctorRegistration);

        Map<String, Object> registration = TestData.patient(patientEmail, cpf);
        registration.put("name", PATIENT_NAME);
        registration.put("phone", PHONE);
        registration.put("birthDate", BIRTH_DATE);
        scenario.registerAndConfirm(registration);
        Map<String, Object> sameCpf = new LinkedHashMap<>(registration);
        sameCpf.put("email", TestData.uniqueEmail("other"));
        assertThat(api.post("/api/patients").body(sameCpf).send().status()).as("CPF taken, answered alike").isEqualTo(202);

        Api.Response byEmail = login(api, patientEmail, TestData.PASSWORD);
        assertThat(byEmail.status()).as("login by e-mail: %s", byEmail).isEqualTo(200);
        patientId = HostileTokens.subjectOf(byEmail.text("accessToken"));
        Api.Response byCpf = login(api, cpf.replaceAll("[.-]", ""), TestData.PASSWORD);
        assertThat(byCpf.status()).as("login by CPF: %s", byCpf).isEqualTo(200);
        assertThat(login(api, patientEmail, "not-the-password").status()).isEqualTo(401);
        assertThat(login(api, cpf, "not-the-password").status()).isEqualTo(401);
        String firstRefresh = byEmail.text("refreshToken");
        assertThat(api.post("/api/auth/refresh").body(Map.of("refreshToken", firstRefresh)).send().status()).isEqualTo(200);
        assertThat(api.post("/api/auth/refresh").body(Map.of("refreshToken", firstRefresh)).send().status())
                .as("a reused refresh token is refused, and logged").isEqualTo(401);
        String patientToken = byCpf.text("accessToken");

        UUID cancelled = UUID.fromString(api.post("/api/appointments").token(patientToken)
                .header("Idempotency-Key", "privacy-" + UUID.randomUUID())
                .body(Map.of("slotId", scenario.publishSlot(doctor, 20, 10).toString())).send().text("appointmentId"));
        assertThat(api.post("/api/appointments/" + cancelled + "/cancel").token(patientToken)
                .body(Map.of("justification", JUSTIFICATION)).send().status()).isEqualTo(200);
        UUID rejected = UUID.fromString(api.post("/api/appointments").token(patientToken)
                .body(Map.of("slotId", scenario.publishSlot(doctor, 20, 11).toString())).send().text("appointmentId"));
        assertThat(api.post("/api/appointments/" + rejected + "/reject").token(doctorToken)
                .body(Map.of("reason", REJECTION_REASON)).send().status()).isEqualTo(200);
        scenario.publishSlot(doctor, 20, 12);
        // Two weekly patterns: each is recorded in the doctor's own stream, enough events for a snapshot of it too.
        for (int weeks = 4; weeks <= 5; weeks++) {
            LocalDate day = LocalDate.now(ZoneOffset.UTC).plusWeeks(weeks);
            Api.Response pattern = api.post("/api/doctors/me/slots").token(doctorToken).body(Map.of("weeklyPattern", Map.of(
                    "weekdays", List.of(day.getDayOfWeek().name()), "startTime", "08:00", "endTime", "08:30",
                    "slotMinutes", 30, "fromDate", day.toString(), "toDate", day.toString()))).send();
            assertThat(pattern.status()).as("weekly pattern: %s", pattern).isEqualTo(201);
        }
    }

    private static Api.Response login(Api api, String login, String password) {
        return api.post("/api/auth/patient/login").body(Map.of("login", login, "password", password)).send();
    }

    /** The output capture starts before the application does, so its start-up logs are checked too. */
    @Test
    void nothing_the_command_side_writes_holds_plain_personal_data(CapturedOutput output) {
        aPatientAndADoctorUseEveryPathThatWrites();
        SoftAssertions softly = new SoftAssertions();

        String schema = jdbc.sql("SELECT current_schema()").query(String.class).single();
        Map<String, String> tables = StoredText.tablesOf(dataSource, schema);
        softly.assertThat(tables).containsKeys("domain_event_entry", "snapshot_event_entry", "account", "login_identifier",
                "person_key");
        softly.assertThat(tables.get("domain_event_entry")).contains(patientId.toString(), doctorId.toString());
        softly.assertThat(jdbc.sql("SELECT aggregate_identifier FROM snapshot_event_entry").query(String.class).list())
                .as("snapshots of the doctor, of one of their day schedules and of the patient's calendar")
                .contains(doctorId.toString(), patientId.toString())
                .anyMatch(id -> id.startsWith(doctorId + ":"));
        softly.assertThat(jdbc.sql("SELECT count(*) FROM login_identifier WHERE account_id = ?").param(patientId)
                .query(Long.class).single()).as("the patient's e-mail and CPF login names").isEqualTo(2);
        tables.forEach((table, contents) -> assertNoPlainPersonalData(softly, "table " + table, contents));

        Map<String, String> entries = redisContents();
        softly.assertThat(entries.keySet()).as("throttle, refresh-token and idempotency entries were written")
                .anyMatch(key -> key.startsWith("ratelimit:login:account-address:"))
                .anyMatch(key -> key.startsWith("ratelimit:login:address:"))
                .anyMatch(key -> key.startsWith("auth:refresh:token:"))
                .anyMatch(key -> key.startsWith("auth:refresh:family:"))
                .anyMatch(key -> key.startsWith("idem:" + patientId));
        entries.forEach((key, value) -> assertNoPlainPersonalData(softly, "Redis " + key, key + " " + value));

        softly.assertThat(output.getAll()).as("the capture holds the application's logs, start-up and requests")
                .contains("Registered the configured administrator", "refresh token reused", patientId.toString());
        assertNoPlainPersonalData(softly, "logs", applicationLines(output.getAll()));
        softly.assertAll();
    }

    private void assertNoPlainPersonalData(SoftAssertions softly, String where, String contents) {
        softly.assertThat(contents).as(where)
                .doesNotContain(cpf, cpf.replaceAll("[.-]", ""))
                .doesNotContainIgnoringCase(patientEmail)
                .doesNotContainIgnoringCase(doctorEmail)
                .doesNotContain(PATIENT_NAME, DOCTOR_NAME)
                .doesNotContain(PHONE, PHONE.replaceAll("[^0-9]", "").substring(2), "98765-4321")
                .doesNotContain(BIRTH_DATE, JUSTIFICATION, REJECTION_REASON);
    }

    /** Every key of this context's Redis database with its value, whatever the type. */
    private Map<String, String> redisContents() {
        Map<String, String> entries = new TreeMap<>();
        for (String key : redis.keys("*")) {
            String value = switch (redis.type(key)) {
                case STRING -> redis.opsForValue().get(key);
                case HASH -> String.valueOf(redis.opsForHash().entries(key));
                case ZSET -> String.valueOf(redis.opsForZSet().rangeWithScores(key, 0, -1).stream()
                        .map(entry -> entry.getValue() + "@" + entry.getScore()).toList());
                case SET -> String.valueOf(redis.opsForSet().members(key));
                case LIST -> String.valueOf(redis.opsForList().range(key, 0, -1));
                case NONE -> "(expired)";
                default -> throw new AssertionError("a Redis type this test cannot read: " + key);
            };
            entries.put(key, value);
        }
        return entries;
    }

    @Test
    void after_erasure_the_events_still_load_but_the_patients_data_is_unreadable() {
        Api api = new Api(port);
        Scenario scenario = new Scenario(api);
        Person doctor = scenario.verifiedDoctor(scenario.adminToken());
        Person patient = scenario.patient();
        UUID appointmentId = scenario.requested(patient, scenario.publishSlot(doctor, 21, 10));
        assertThat(api.post("/api/appointments/" + appointmentId + "/cancel").token(patient.accessToken())
                .body(Map.of("justification", JUSTIFICATION)).send().status()).isEqualTo(200);
        UUID stillActive = scenario.requested(patient, scenario.publishSlot(doctor, 21, 11));
        assertThat(api.post("/api/appointments/" + stillActive + "/accept").token(doctor.accessToken()).send().status())
                .isEqualTo(200);
        PatientRegisteredEvent registered = only(patient.id(), PatientRegisteredEvent.class);
        assertThat(vault.open(registered.name())).contains("Maria da Silva");

        assertThat(api.delete("/api/patients/me").token(patient.accessToken())
                .body(Map.of("password", TestData.PASSWORD)).send().status()).isEqualTo(204);

        // The erased patient's aggregates still replay: the erasure cancels their accepted appointment (ADR 0020)...
        await().atMost(Duration.ofSeconds(30))
                .until(() -> eventStore.readEvents(stillActive.toString(), 0L).asStream()
                        .anyMatch(event -> event.getPayload() instanceof AppointmentCancelledEvent));
        // ...and text written about them afterwards is unreadable from the start, not sealed with a new key.
        assertThat(vault.open(only(stillActive, AppointmentCancelledEvent.class).justification())).isEmpty();

        PatientRegisteredEvent replayed = only(patient.id(), PatientRegisteredEvent.class);
        assertThat(vault.open(replayed.name())).isEmpty();
        assertThat(vault.open(replayed.email())).isEmpty();
        assertThat(vault.open(replayed.cpf())).isEmpty();
        AppointmentCancelledEvent cancelled = only(appointmentId, AppointmentCancelledEvent.class);
        assertThat(cancelled.patientId().value()).isEqualTo(patient.id());
        assertThat(vault.open(cancelled.justification())).isEmpty();
        DoctorRegisteredEvent doctorRegistered = only(doctor.id(), DoctorRegisteredEvent.class);
        assertThat(vault.open(doctorRegistered.name())).as("other people's data is untouched").contains("Dr. João Pereira");

        Api.Response login = api.post("/api/auth/patient/login")
                .body(Map.of("login", patient.registration().get("email"), "password", "s3nha-de-teste-longa")).send();
        assertThat(login.status()).as("the erased patient's login is gone").isEqualTo(401);
    }

    /** Reads the stored events from the first one: a snapshot would stand in for the early events otherwise. */
    private <T> T only(UUID aggregateId, Class<T> type) {
        List<Object> payloads = eventStore.readEvents(aggregateId.toString(), 0L).asStream()
                .map(DomainEventMessage::getPayload).map(Object.class::cast).toList();
        return payloads.stream().filter(type::isInstance).map(type::cast).reduce((a, b) -> {
            throw new AssertionError("more than one " + type.getSimpleName());
        }).orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " in " + payloads));
    }

    /**
     * The capture without the lines of the test's own SMTP server (GreenMail, in this JVM): it names each recipient it
     * meets, and it is not the application (ADR 0033: registrations mail their confirmation).
     */
    private static String applicationLines(String captured) {
        return captured.lines().filter(line -> !line.contains("c.icegreen.greenmail")).collect(Collectors.joining("\n"));
    }
}
