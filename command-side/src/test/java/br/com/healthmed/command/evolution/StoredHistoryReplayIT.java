package br.com.healthmed.command.evolution;

import br.com.healthmed.api.schedule.SlotPublishedEvent;
import br.com.healthmed.api.serialization.StoredTypeSerializer;
import br.com.healthmed.api.serialization.StoredTypes;
import br.com.healthmed.command.doctor.Doctor;
import br.com.healthmed.command.support.Api;
import br.com.healthmed.command.support.EmbeddedInfrastructureInitializer;
import br.com.healthmed.testing.MovableClock;
import br.com.healthmed.command.support.TestData;
import br.com.healthmed.testing.RecordedEventStore;
import br.com.healthmed.testing.SharedInfrastructure;
import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Repository;
import org.axonframework.serialization.Serializer;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Today's command side, started on the event store that version 5bca2fe wrote (fixtures/event-store-5bca2fe.json,
 * loaded into a database migrated only as far as that version had): every aggregate loads, the snapshot is used,
 * and commands that depend on the recorded state behave as they did. The clock stands an hour after the capture,
 * so the recorded slots are still ahead, as they were for the people who published and booked them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = StoredHistoryReplayIT.RecordedStoreDatabase.class)
@Import(StoredHistoryReplayIT.CaptureTime.class)
class StoredHistoryReplayIT {

    static final RecordedEventStore RECORDED = RecordedEventStore.read(Path.of("src/test/resources/fixtures/event-store-5bca2fe.json"));

    /** The command side's own test infrastructure, but on a database holding the recorded rows, with their keys. */
    static class RecordedStoreDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertyValues.of(
                    "healthmed.privacy.master-key=" + RECORDED.masterKey(),
                    "healthmed.privacy.lookup-key=" + RECORDED.lookupKey()).applyTo(context);
            new EmbeddedInfrastructureInitializer().initialize(context);
            String jdbcUrl = SharedInfrastructure.postgres().createUniqueDatabase("recorded");
            Flyway.configure().dataSource(jdbcUrl, "postgres", "postgres").locations("classpath:db/migration")
                    .target(MigrationVersion.fromVersion(RECORDED.schemaVersion())).load().migrate();
            RECORDED.loadInto(jdbcUrl);
            TestPropertyValues.of("spring.datasource.url=" + jdbcUrl).applyTo(context);
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class CaptureTime {

        @Bean
        @Primary
        Clock anHourAfterTheCapture() {
            return new MovableClock(RECORDED.capturedAt().plus(Duration.ofHours(1)));
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    Configuration axon;
    @Autowired
    EventStore eventStore;
    @Autowired
    EventStorageEngine storageEngine;
    @Autowired
    StoredTypes storedTypes;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Serializer generalSerializer;
    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;
    @Autowired
    @Qualifier("messageSerializer")
    Serializer messageSerializer;

    private Api api;
    private final JsonNode story = RECORDED.story();

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @Test
    void snapshots_events_and_messages_all_use_the_stored_type_names() {
        assertThat(List.of(generalSerializer, eventSerializer, messageSerializer))
                .allSatisfy(serializer -> assertThat(serializer).isInstanceOf(StoredTypeSerializer.class))
                .allSatisfy(serializer -> assertThat(serializer.typeForClass(Doctor.class).getName())
                        .isEqualTo("healthmed.snapshot.Doctor"));
    }

    @Test
    void every_recorded_event_reads_as_a_class_of_today_through_its_old_class_name() {
        int recorded = RECORDED.rows("domain_event_entry").size();
        List<Object> payloads = new ArrayList<>();
        try (var stream = eventStore.openStream(null)) {
            while (payloads.size() < recorded && stream.hasNextAvailable(5, TimeUnit.SECONDS)) {
                TrackedEventMessage<?> message = stream.nextAvailable();
                payloads.add(message.getPayload());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }

        assertThat(payloads).hasSize(recorded);
        assertThat(payloads).allSatisfy(payload -> assertThat(storedTypes.types()).contains(payload.getClass()));
        assertThat(payloads).filteredOn(SlotPublishedEvent.class::isInstance).hasSize(125)
                .allSatisfy(slot -> assertThat(((SlotPublishedEvent) slot).patternId()).as("unknown before ADR 0008").isNull());
    }

    @Test
    void every_recorded_aggregate_loads_up_to_its_last_recorded_event() {
        Map<String, Long> lastSequence = new LinkedHashMap<>();
        Map<String, String> typeOf = new LinkedHashMap<>();
        for (JsonNode row : RECORDED.rows("domain_event_entry")) {
            String id = row.path("aggregate_identifier").asText();
            lastSequence.merge(id, row.path("sequence_number").asLong(), Math::max);
            typeOf.put(id, row.path("type").asText());
        }
        assertThat(typeOf.values()).contains("Doctor", "Patient", "Appointment", "StaffMember");

        // Other tests of this class may have appended since (they share the store): the aggregate loads through every
        // recorded event and whatever came after.
        typeOf.forEach((id, type) -> assertThat(versionOf(type, id)).as("%s %s", type, id)
                .isGreaterThanOrEqualTo(lastSequence.get(id))
                .isEqualTo(eventStore.lastSequenceNumberFor(id).orElseThrow()));
    }

    @Test
    void the_recorded_doctor_snapshot_is_read_under_its_old_class_name_and_revision() {
        String ana = person("ana").path("id").asText();
        JsonNode recordedSnapshot = RECORDED.rows("snapshot_event_entry").getFirst();
        assertThat(recordedSnapshot.path("payload_type").asText()).isEqualTo("br.com.healthmed.command.doctor.Doctor");
        assertThat(recordedSnapshot.path("aggregate_identifier").asText()).isEqualTo(ana);

        DomainEventMessage<?> snapshot = storageEngine.readSnapshot(ana).orElseThrow();

        assertThat(snapshot.getPayload()).isInstanceOf(Doctor.class);
        assertThat(snapshot.getSequenceNumber()).isEqualTo(recordedSnapshot.path("sequence_number").asLong());
    }

    @Test
    void recorded_accounts_log_in_and_the_erased_patient_does_not() {
        assertThat(login("/api/auth/patient/login", Map.of("login", person("paula").path("email").asText(),
                "password", password())).status()).isEqualTo(200);
        assertThat(doctorToken("ana")).isNotBlank();
        // Staff recorded before second factors existed: the configured ADMIN was enrolled at start-up with the
        // configured secret; the auditor's right password leads to the enrolment it now needs (ADR 0024).
        Api.Response admin = login("/api/auth/admin/login", Map.of("email", person("admin").path("email").asText(),
                "password", person("admin").path("password").asText()));
        assertThat(admin.status()).isEqualTo(401);
        assertThat(admin.code()).isEqualTo("mfa-required");
        Api.Response auditor = login("/api/auth/admin/login", Map.of("email", person("auditor").path("email").asText(),
                "password", password()));
        assertThat(auditor.status()).isEqualTo(401);
        assertThat(auditor.code()).isEqualTo("mfa-enrolment-required");

        Api.Response erased = login("/api/auth/patient/login", Map.of("login", person("priscila").path("email").asText(),
                "password", password()));
        assertThat(erased.status()).isEqualTo(401);
    }

    @Test
    void a_recorded_crm_is_still_taken() {
        Map<String, Object> registration = TestData.doctor(person("carla").path("crm").asText(), person("carla").path("uf").asText());
        Api.Response taken = api.post("/api/doctors").body(registration).send();

        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.code()).isEqualTo("crm-already-registered");
    }

    @Test
    void a_doctor_accepts_a_request_recorded_as_pending() {
        Api.Response accepted = api.post("/api/appointments/" + appointment("pendingWithBruno").path("id").asText() + "/accept")
                .token(doctorToken("bruno")).send();

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.text("status")).isEqualTo("ACCEPTED");
    }

    @Test
    void cancelling_a_recorded_request_frees_its_slot_for_someone_else() {
        JsonNode pending = appointment("pendingWithAna");
        Api.Response cancelled = api.post("/api/appointments/" + pending.path("id").asText() + "/cancel")
                .token(patientToken("pedro")).body(Map.of("justification", "Não poderei ir nesse horário, desculpe.")).send();
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.text("status")).isEqualTo("CANCELLED");

        Api.Response rebooked = api.post("/api/appointments").token(patientToken("paula"))
                .body(Map.of("slotId", pending.path("slotId").asText())).send();
        assertThat(rebooked.status()).as(rebooked.toString()).isEqualTo(201);
    }

    @Test
    void a_slot_held_in_the_recorded_history_stays_unavailable() {
        Api.Response refused = api.post("/api/appointments").token(patientToken("pedro"))
                .body(Map.of("slotId", appointment("accepted").path("slotId").asText())).send();

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("slot-unavailable");
    }

    @Test
    void slots_from_the_snapshot_and_from_the_events_after_it_still_block_overlaps() {
        String ana = doctorToken("ana");
        // ana.pattern.1 was published before the snapshot, ana.moved was moved after it.
        for (String recordedSlot : List.of("ana.pattern.1", "ana.moved")) {
            JsonNode slot = story.path("slots").path(recordedSlot);
            Instant start = Instant.parse(slot.path("start").asText()).plus(Duration.ofMinutes(10));
            Api.Response refused = api.post("/api/doctors/me/slots").token(ana).body(Map.of(
                    "start", start.toString(), "end", start.plus(Duration.ofMinutes(30)).toString())).send();

            assertThat(refused.status()).as("%s: %s", recordedSlot, refused).isEqualTo(409);
            assertThat(refused.code()).isEqualTo("slot-overlap");
        }
    }

    @Test
    void a_pattern_published_now_is_stored_under_logical_names_next_to_the_recorded_rows() {
        LocalDate monday = LocalDate.parse(story.path("anaPattern").path("request").path("fromDate").asText()).plusWeeks(4);
        Api.Response published = api.post("/api/doctors/me/slots").token(doctorToken("bruno")).body(Map.of("weeklyPattern", Map.of(
                "weekdays", List.of("MONDAY"), "startTime", "14:00", "endTime", "15:00", "slotMinutes", 30,
                "fromDate", monday.toString(), "toDate", monday.toString()))).send();
        assertThat(published.status()).as(published.toString()).isEqualTo(201);

        String bruno = person("bruno").path("id").asText();
        List<Map<String, Object>> rows = jdbc.sql("""
                        SELECT aggregate_identifier, payload_type, payload_revision, convert_from(payload, 'UTF8') AS payload
                          FROM domain_event_entry
                         WHERE (aggregate_identifier = ? OR aggregate_identifier LIKE ?) AND global_index > ? ORDER BY global_index""")
                .params(bruno, bruno + ":%", RECORDED.rows("domain_event_entry").getLast().path("global_index").asLong())
                .query().listOfRows();
        assertThat(rows).extracting(row -> row.get("aggregate_identifier") + " " + row.get("payload_type") + "@" + row.get("payload_revision"))
                .contains(bruno + " healthmed.schedule.WeeklyPatternPublished@1",
                        bruno + ":" + monday + " healthmed.schedule.SlotPublished@2");
        assertThat(rows).filteredOn(row -> "healthmed.schedule.WeeklyPatternPublished".equals(row.get("payload_type")))
                .singleElement().satisfies(row -> assertThat((String) row.get("payload"))
                        .contains("\"startTime\":\"14:00:00\"", "\"weekdays\":[\"MONDAY\"]", "\"timeZone\":\"America/Sao_Paulo\""));
    }

    /** Slots published before day schedules stay in their doctor's stream, still bookable and releasable there (ADR 0011). */
    @Test
    void a_recorded_slot_is_booked_and_cancelled_in_its_doctors_stream() {
        String ana = person("ana").path("id").asText();
        String slotId = anaPatternSlot(3);
        long before = lastGlobalIndex();

        Api.Response booked = api.post("/api/appointments").token(patientToken("paula")).body(Map.of("slotId", slotId)).send();
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        Api.Response cancelled = api.post("/api/appointments/" + booked.text("appointmentId") + "/cancel")
                .token(patientToken("paula")).body(Map.of("justification", "Mudança de planos, preciso remarcar.")).send();
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);

        assertThat(slotEventsSince(before, slotId)).containsExactly(
                ana + " healthmed.schedule.SlotHeld", ana + " healthmed.schedule.SlotReleased");
    }

    @Test
    void a_recorded_slot_moved_now_leaves_its_doctors_stream_for_the_day_schedule_of_its_new_start() {
        String ana = person("ana").path("id").asText();
        String slotId = anaPatternSlot(4);
        Instant newStart = Instant.parse(story.path("anaPattern").path("request").path("fromDate").asText() + "T20:00:00Z")
                .plus(Duration.ofDays(1));
        long before = lastGlobalIndex();

        Api.Response moved = api.put("/api/doctors/me/slots/" + slotId).token(doctorToken("ana")).body(Map.of(
                "start", newStart.toString(), "end", newStart.plus(Duration.ofMinutes(30)).toString())).send();
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        String day = ana + ":" + LocalDate.ofInstant(newStart, ZoneOffset.UTC);
        assertThat(jdbc.sql("SELECT schedule_id FROM slot_directory WHERE slot_id = ?::uuid").param(slotId)
                .query(String.class).single()).isEqualTo(day);

        Api.Response booked = api.post("/api/appointments").token(patientToken("pedro")).body(Map.of("slotId", slotId)).send();
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        assertThat(slotEventsSince(before, slotId)).containsExactly(
                ana + " healthmed.schedule.SlotMoved", ana + " healthmed.schedule.SlotMovedOut",
                day + " healthmed.schedule.SlotMovedIn", day + " healthmed.schedule.SlotHeld");
    }

    @Test
    void a_new_slot_right_after_a_recorded_one_is_published_in_a_day_schedule_and_one_overlapping_it_is_refused() {
        String ana = person("ana").path("id").asText();
        JsonNode request = story.path("anaPattern").path("request");
        // The recorded pattern's last slot on its last day ends at 12:00 in São Paulo, 15:00 UTC.
        Instant end = Instant.parse(request.path("toDate").asText() + "T15:00:00Z");

        Api.Response overlapping = api.post("/api/doctors/me/slots").token(doctorToken("ana")).body(Map.of(
                "start", end.minus(Duration.ofMinutes(10)).toString(), "end", end.plus(Duration.ofMinutes(20)).toString())).send();
        assertThat(overlapping.status()).as(overlapping.toString()).isEqualTo(409);
        assertThat(overlapping.code()).isEqualTo("slot-overlap");

        Api.Response next = api.post("/api/doctors/me/slots").token(doctorToken("ana")).body(Map.of(
                "start", end.toString(), "end", end.plus(Duration.ofMinutes(30)).toString())).send();
        assertThat(next.status()).as(next.toString()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT schedule_id FROM slot_directory WHERE slot_id = ?::uuid")
                .param(next.json().path("slotIds").get(0).asText()).query(String.class).single())
                .isEqualTo(ana + ":" + request.path("toDate").asText());
    }

    private String anaPatternSlot(int index) {
        return story.path("anaPattern").path("slotIds").get(index).asText();
    }

    private long lastGlobalIndex() {
        return jdbc.sql("SELECT coalesce(max(global_index), 0) FROM domain_event_entry").query(Long.class).single();
    }

    /** "stream type" of the events naming this slot stored after {@code globalIndex}, in order. */
    private List<String> slotEventsSince(long globalIndex, String slotId) {
        return jdbc.sql("""
                        SELECT aggregate_identifier || ' ' || payload_type FROM domain_event_entry
                         WHERE global_index > ? AND payload_type LIKE 'healthmed.schedule.%' AND convert_from(payload, 'UTF8') LIKE ?
                         ORDER BY global_index""")
                .params(globalIndex, "%" + slotId + "%")
                .query(String.class).list();
    }

    private long versionOf(String type, String id) {
        Repository<?> repository = switch (type) {
            case "Doctor" -> axon.repository(Doctor.class);
            case "Patient" -> axon.repository(br.com.healthmed.command.patient.Patient.class);
            default -> axon.repository(aggregateClass(type));
        };
        Long version = DefaultUnitOfWork.startAndGet(null).executeWithResult(() -> repository.load(id).version()).getPayload();
        return version == null ? -1 : version;
    }

    /** Appointment and StaffMember are package-private: find them by the aggregate type the store recorded. */
    private static Class<?> aggregateClass(String type) {
        String name = switch (type) {
            case "Appointment" -> "br.com.healthmed.command.appointment.Appointment";
            case "StaffMember" -> "br.com.healthmed.command.staff.StaffMember";
            default -> throw new IllegalArgumentException("unknown aggregate type " + type);
        };
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode person(String key) {
        return story.path("people").path(key);
    }

    private JsonNode appointment(String key) {
        return story.path("appointments").path(key);
    }

    private String password() {
        return story.path("password").asText();
    }

    private Api.Response login(String path, Map<String, Object> body) {
        return api.post(path).body(body).send();
    }

    private String doctorToken(String key) {
        Api.Response login = login("/api/auth/doctor/login", Map.of("crm", person(key).path("crm").asText(),
                "uf", person(key).path("uf").asText(), "password", password()));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return login.text("accessToken");
    }

    private String patientToken(String key) {
        Api.Response login = login("/api/auth/patient/login", Map.of("login", person(key).path("email").asText(),
                "password", password()));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return login.text("accessToken");
    }
}
