package br.com.healthmed.query.privacy;

import br.com.healthmed.api.appointment.AppointmentCancelledEvent;
import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.appointment.AppointmentRejectedEvent;
import br.com.healthmed.api.common.Money;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.doctor.DoctorRegisteredEvent;
import br.com.healthmed.api.doctor.DoctorVerifiedEvent;
import br.com.healthmed.api.doctor.Specialty;
import br.com.healthmed.api.doctor.Uf;
import br.com.healthmed.api.patient.PatientId;
import br.com.healthmed.api.patient.PatientRegisteredEvent;
import br.com.healthmed.api.schedule.SlotHeldEvent;
import br.com.healthmed.api.schedule.SlotId;
import br.com.healthmed.api.schedule.SlotReleasedEvent;
import br.com.healthmed.query.consistency.ProjectionPositions;
import br.com.healthmed.query.support.Api;
import br.com.healthmed.query.support.EventLog;
import br.com.healthmed.query.support.IntegrationTest;
import br.com.healthmed.query.support.PersonKeys;
import br.com.healthmed.query.support.TestEvents;
import br.com.healthmed.query.support.TestTokens;
import br.com.healthmed.testing.StoredText;
import org.assertj.core.api.SoftAssertions;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import br.com.healthmed.query.support.StoreOwner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import javax.sql.DataSource;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LGPD on the read side: nothing the query side stores (every MongoDB collection, Redis, its own PostgreSQL schema)
 * or logs holds a patient's personal data or a doctor's e-mail in clear. One exception is by design: the doctors view
 * keeps a doctor's name and CRM number in clear, because they are public and search filters and sorts on the name in
 * the database ({@code DoctorDocument}); the doctor's name must appear nowhere else.
 */
@IntegrationTest
// A context of its own, so that its start-up logs are captured too; and our own code's DEBUG logs are checked as well.
@TestPropertySource(properties = "logging.level.br.com.healthmed=DEBUG")
@ExtendWith(OutputCaptureExtension.class)
class PersonalDataIT {

    private static final String PATIENT_NAME = "Benedita Quaresma Vilanova";
    private static final String PATIENT_EMAIL = "benedita.vilanova@pacientes.test";
    private static final String CPF = "381.746.295-64";
    private static final String PHONE_DIGITS = "5521987654321";
    private static final String BIRTH_DATE = "1987-09-23";
    private static final String DOCTOR_NAME = "Dr. Anselmo Tavares Brandao";
    private static final String DOCTOR_EMAIL = "anselmo.brandao@medicos.test";
    private static final String CRM = "731946";
    private static final String JUSTIFICATION = "Estou com sintomas de gripe forte e febre alta.";
    private static final String REJECTION_REASON = "Sem horario livre por causa de um congresso medico.";

    @Autowired
    TestRestTemplate http;

    @Autowired
    EventStore eventStore;

    @Autowired
    @StoreOwner
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    @StoreOwner
    StringRedisTemplate redis;

    @Autowired
    ProjectionPositions positions;

    @Value("${healthmed.privacy.master-key}")
    String masterKey;

    @Test
    void nothing_the_query_side_stores_or_logs_holds_plain_personal_data(CapturedOutput output) throws Exception {
        DoctorId doctor = DoctorId.random();
        PatientId patient = PatientId.random();
        SlotId first = SlotId.random();
        SlotId second = SlotId.random();
        AppointmentId cancelled = AppointmentId.random();
        AppointmentId rejected = AppointmentId.random();
        Instant start = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        PersonKeys keys = new PersonKeys(jdbc, masterKey);
        EventLog log = new EventLog(eventStore);
        log.append("Doctor", doctor, new DoctorRegisteredEvent(doctor, keys.seal(doctor.value(), DOCTOR_NAME),
                        keys.seal(doctor.value(), CRM), Uf.RJ, keys.seal(doctor.value(), DOCTOR_EMAIL), Specialty.PEDIATRIA,
                        Money.brl("300.00"), "America/Sao_Paulo"),
                new DoctorVerifiedEvent(doctor), TestEvents.slot(doctor, first, start),
                TestEvents.slot(doctor, second, start.plus(1, ChronoUnit.HOURS)));
        log.append("Patient", patient, new PatientRegisteredEvent(patient, keys.seal(patient.value(), PATIENT_NAME),
                keys.seal(patient.value(), PATIENT_EMAIL), keys.seal(patient.value(), digits(CPF)),
                keys.seal(patient.value(), PHONE_DIGITS), keys.seal(patient.value(), BIRTH_DATE)));
        log.append("Appointment", cancelled, TestEvents.requested(cancelled, doctor, patient, first, start, "300.00"));
        log.append("Doctor", doctor, new SlotHeldEvent(doctor, first, cancelled));
        log.append("Appointment", cancelled, new AppointmentCancelledEvent(cancelled, doctor, patient, first,
                keys.seal(patient.value(), JUSTIFICATION), Role.PATIENT));
        log.append("Doctor", doctor, new SlotReleasedEvent(doctor, first, cancelled));
        log.append("Appointment", rejected, TestEvents.requested(rejected, doctor, patient, second,
                start.plus(1, ChronoUnit.HOURS), "300.00"));
        log.append("Doctor", doctor, new SlotHeldEvent(doctor, second, rejected));
        log.append("Appointment", rejected, new AppointmentRejectedEvent(rejected, doctor, patient, second,
                keys.seal(patient.value(), REJECTION_REASON)));
        log.append("Doctor", doctor, new SlotReleasedEvent(doctor, second, rejected));
        awaitCaughtUp();

        // Authorised readers get the data opened (so it did flow through), and the public agenda gets cached.
        Api api = new Api(http);
        String patientToken = TestTokens.token(patient.value(), Role.PATIENT);
        String doctorToken = TestTokens.token(doctor.value(), Role.DOCTOR);
        Api.Answer ownAppointments = api.get("/api/appointments", patientToken);
        assertThat(ownAppointments.status()).isEqualTo(200);
        assertThat(ownAppointments.response().getBody()).contains(PATIENT_NAME, JUSTIFICATION, REJECTION_REASON, DOCTOR_NAME);
        Api.Answer doctorsAgenda = api.get("/api/doctors/me/agenda?from=" + start.minus(1, ChronoUnit.HOURS), doctorToken);
        assertThat(doctorsAgenda.status()).isEqualTo(200);
        assertThat(api.get("/api/doctors/" + doctor + "/agenda").response().getBody()).contains(first.toString());
        Api.Answer audit = api.get("/api/audit/appointments/" + cancelled + "/history",
                TestTokens.token(UUID.randomUUID(), Role.AUDITOR));
        assertThat(audit.response().getBody()).contains(JUSTIFICATION);
        assertThat(api.get("/api/doctors?name=Anselmo", patientToken).response().getBody()).contains(DOCTOR_NAME);

        SoftAssertions softly = new SoftAssertions();
        Map<String, List<String>> collections = mongoContents();
        softly.assertThat(collections).containsKeys("doctors", "doctor_slots", "slots", "appointments", "patients");
        softly.assertThat(String.join("\n", collections.get("doctors"))).as("the doctors view, by design")
                .contains(DOCTOR_NAME, CRM);
        softly.assertThat(String.join("\n", collections.get("patients"))).as("the patient's name, sealed")
                .contains(patient.toString(), "sealed:v1:" + patient);
        collections.forEach((collection, documents) -> {
            String contents = String.join("\n", documents);
            assertNoPlainPersonalData(softly, "MongoDB " + collection, contents);
            if (!collection.equals("doctors")) {
                softly.assertThat(contents).as("MongoDB " + collection).doesNotContain(DOCTOR_NAME);
            }
        });

        Map<String, String> entries = redisContents();
        softly.assertThat(entries.entrySet()).as("a cached search page is the doctors view's public data, by design (ADR 0035)")
                .anyMatch(entry -> entry.getKey().startsWith("search:answer:") && entry.getValue().contains(DOCTOR_NAME));
        softly.assertThat(entries.keySet()).as("the public agenda was cached")
                .anyMatch(key -> key.startsWith("agenda:") && key.contains(doctor.toString()) && !key.contains("version"));
        entries.forEach((key, value) -> {
            assertNoPlainPersonalData(softly, "Redis " + key, key + " " + value);
            if (!key.startsWith("search:answer:")) {
                softly.assertThat(key + " " + value).as("Redis " + key).doesNotContain(DOCTOR_NAME);
            }
        });

        Map<String, String> tables = StoredText.tablesOf(dataSource, "query_side");
        softly.assertThat(tables).containsKey("token_entry");
        tables.forEach((table, contents) -> {
            assertNoPlainPersonalData(softly, "table query_side." + table, contents);
            softly.assertThat(contents).as("table query_side." + table).doesNotContain(DOCTOR_NAME);
        });

        String logs = output.getAll();
        softly.assertThat(logs).as("the capture holds the application's logs from its start")
                .contains("Started " + getClass().getSimpleName());
        assertNoPlainPersonalData(softly, "logs", logs);
        softly.assertThat(logs).as("logs").doesNotContain(DOCTOR_NAME);
        softly.assertAll();
    }

    /** Everything personal but the doctor's name and CRM number, which the doctors view keeps in clear by design. */
    private static void assertNoPlainPersonalData(SoftAssertions softly, String where, String contents) {
        softly.assertThat(contents).as(where)
                .doesNotContain(PATIENT_NAME, CPF, digits(CPF), PHONE_DIGITS, PHONE_DIGITS.substring(2), BIRTH_DATE)
                .doesNotContainIgnoringCase(PATIENT_EMAIL)
                .doesNotContainIgnoringCase(DOCTOR_EMAIL)
                .doesNotContain(JUSTIFICATION, REJECTION_REASON);
    }

    private static String digits(String text) {
        return text.replaceAll("[^0-9]", "");
    }

    /** Every document of every collection, as extended JSON. */
    private Map<String, List<String>> mongoContents() {
        Map<String, List<String>> collections = new TreeMap<>();
        for (String name : mongo.getCollectionNames()) {
            List<String> documents = new ArrayList<>();
            mongo.getCollection(name).find().forEach((Document document) -> documents.add(document.toJson()));
            collections.put(name, documents);
        }
        return collections;
    }

    /** Every key of this context's Redis database with its value, whatever the type. */
    private Map<String, String> redisContents() {
        Map<String, String> entries = new TreeMap<>();
        for (String key : redis.keys("*")) {
            String value = switch (redis.type(key)) {
                case STRING -> redis.opsForValue().get(key);
                case HASH -> String.valueOf(redis.opsForHash().entries(key));
                case ZSET -> String.valueOf(redis.opsForZSet().range(key, 0, -1));
                case SET -> String.valueOf(redis.opsForSet().members(key));
                case LIST -> String.valueOf(redis.opsForList().range(key, 0, -1));
                case NONE -> "(expired)";
                default -> throw new AssertionError("a Redis type this test cannot read: " + key);
            };
            entries.put(key, value);
        }
        return entries;
    }

    private void awaitCaughtUp() throws InterruptedException {
        long head = eventStore.createHeadToken().position().orElseThrow();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!positions.caughtUpTo(head)) {
            assertThat(System.nanoTime()).as("projections caught up within 60 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
