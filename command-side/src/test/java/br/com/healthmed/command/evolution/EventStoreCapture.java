package br.com.healthmed.command.evolution;

import br.com.healthmed.command.support.Api;
import br.com.healthmed.command.support.IntegrationTest;
import br.com.healthmed.command.support.Scenario;
import br.com.healthmed.command.support.Scenario.Person;
import br.com.healthmed.command.support.TestData;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import javax.sql.DataSource;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Not a test: the tool that recorded {@code fixtures/event-store-5bca2fe.json}, a store written by the command side
 * as it was at that commit, so that later versions prove they still load and replay it ({@code StoredHistoryReplayIT},
 * the query side's {@code StoredHistoryProjectionIT}). Its name matches neither Surefire's nor Failsafe's patterns, so
 * the build never runs it; it runs only when named:
 * <pre>
 * ./mvnw -pl command-side -am verify -Dit.test=EventStoreCapture -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dfailsafe.failIfNoSpecifiedTests=false -Dhealthmed.capture.commit=$(git rev-parse --short HEAD)
 * </pre>
 * Re-capturing with a newer version records a new fixture next to the old one; the old one stays, it is history.
 * The keys are fixed test values, not secrets: the replay needs them to open sealed fields and to find login names.
 */
@IntegrationTest
@TestPropertySource(properties = {
        "healthmed.privacy.master-key=" + EventStoreCapture.MASTER_KEY,
        "healthmed.privacy.lookup-key=" + EventStoreCapture.LOOKUP_KEY})
class EventStoreCapture {

    static final String MASTER_KEY = "ZXZlbnQtc3RvcmUtZml4dHVyZS1tYXN0ZXIta2V5LTE=";
    static final String LOOKUP_KEY = "ZXZlbnQtc3RvcmUtZml4dHVyZS1sb29rdXAta2V5LTE=";
    private static final List<String> TABLES = List.of(
            "domain_event_entry", "snapshot_event_entry", "person_key", "account", "login_identifier", "slot_directory");
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;

    @Test
    void capture() throws Exception {
        String commit = System.getProperty("healthmed.capture.commit", "unknown");
        Path output = Path.of(System.getProperty("healthmed.capture.output",
                "src/test/resources/fixtures/event-store-" + commit + ".json"));
        Instant capturedAt = Instant.now();
        Map<String, Object> story = new Story(new Api(port)).play();
        snapshotsWritten();

        Map<String, Object> fixture = new LinkedHashMap<>();
        fixture.put("capturedFrom", commit);
        fixture.put("capturedAt", capturedAt.toString());
        fixture.put("schemaVersion", jdbc.sql("SELECT max(version) FROM flyway_schema_history WHERE success")
                .query(String.class).single());
        fixture.put("masterKey", MASTER_KEY);
        fixture.put("lookupKey", LOOKUP_KEY);
        fixture.put("story", story);
        Map<String, Object> tables = new LinkedHashMap<>();
        for (String table : TABLES) {
            tables.put(table, dump(table));
        }
        fixture.put("tables", tables);
        Files.createDirectories(output.toAbsolutePath().getParent());
        JSON.writeValue(output.toFile(), fixture);
    }

    /** Snapshots are taken after the commit, asynchronously to the HTTP answer: wait until the doctor's is there. */
    private void snapshotsWritten() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (jdbc.sql("SELECT count(*) FROM snapshot_event_entry").query(Long.class).single() > 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no snapshot was taken; the story must exceed the snapshot threshold");
    }

    /** Every column of every row, bytea as UTF-8 text when it is text (payloads, metadata) and base64 otherwise. */
    private Map<String, Object> dump(String table) throws Exception {
        List<Map<String, String>> columns = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT * FROM " + table + " ORDER BY 1, 2")) {
            ResultSetMetaData meta = result.getMetaData();
            while (result.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int c = 1; c <= meta.getColumnCount(); c++) {
                    String name = meta.getColumnName(c);
                    boolean binary = "bytea".equals(meta.getColumnTypeName(c));
                    row.put(name, binary ? encoded(result.getBytes(c)) : result.getString(c));
                }
                rows.add(row);
            }
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                columns.add(Map.of("name", meta.getColumnName(c), "type", meta.getColumnTypeName(c)));
            }
        }
        return Map.of("columns", columns, "rows", rows);
    }

    private static Object encoded(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            if (text.startsWith("{") || text.startsWith("[")) {
                return Map.of("utf8", text);
            }
        } catch (CharacterCodingException e) {
            // binary, e.g. a wrapped key
        }
        return Map.of("base64", Base64.getEncoder().encodeToString(bytes));
    }

    /** The history itself, through the public API, as users of that version produced it. */
    private final class Story {

        private final Api api;
        private final Scenario scenario;
        private final Map<String, Object> story = new LinkedHashMap<>();
        private final Map<String, Object> people = new LinkedHashMap<>();
        private final Map<String, Object> slots = new LinkedHashMap<>();
        private final Map<String, Object> appointments = new LinkedHashMap<>();

        Story(Api api) {
            this.api = api;
            this.scenario = new Scenario(api);
        }

        Map<String, Object> play() {
            String admin = scenario.adminToken();
            people.put("admin", Map.of("email", Scenario.ADMIN_EMAIL, "password", Scenario.ADMIN_PASSWORD));
            String auditorEmail = TestData.uniqueEmail("auditor");
            Api.Response auditor = api.post("/api/admin/auditors").token(admin)
                    .body(Map.of("name", "Alice Auditora", "email", auditorEmail, "password", TestData.PASSWORD)).send();
            expect(auditor, 201);
            people.put("auditor", Map.of("id", auditor.text("auditorId"), "email", auditorEmail));

            Person ana = doctor("ana", scenario.verifiedDoctor(admin));
            Person bruno = doctor("bruno", scenario.verifiedDoctor(admin));
            doctor("carla", scenario.unverifiedDoctor());

            expect(api.put("/api/doctors/me/profile").token(ana.accessToken()).body(Map.of(
                    "name", "Dra. Ana Lima", "email", ana.registration().get("email"), "specialty", "CARDIOLOGIA",
                    "consultationPrice", 300.00, "timeZone", "America/Sao_Paulo")).send(), 204);

            UUID toMove = single("ana.moved", ana, 3, 14);
            UUID toRemove = single("ana.removed", ana, 3, 15);
            UUID accepted = single("ana.accepted", ana, 4, 14);
            LocalDate monday = TestData.nextMonday();
            Map<String, Object> pattern = Map.of("weekdays", List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"),
                    "startTime", "08:00", "endTime", "12:00", "slotMinutes", 30,
                    "fromDate", monday.toString(), "toDate", monday.plusDays(18).toString());
            Api.Response published = api.post("/api/doctors/me/slots").token(ana.accessToken())
                    .body(Map.of("weeklyPattern", pattern)).send();
            expect(published, 201);
            List<String> patternSlots = new ArrayList<>();
            published.json().path("slotIds").forEach(id -> patternSlots.add(id.asText()));
            assertThat(patternSlots).as("the pattern alone exceeds the schedule snapshot threshold").hasSizeGreaterThan(100);
            story.put("anaPattern", Map.of("request", pattern, "zone", "America/Sao_Paulo", "slotIds", patternSlots));

            expect(api.put("/api/doctors/me/slots/" + toMove).token(ana.accessToken()).body(TestData.slot(3, 17)).send(), 200);
            slots.put("ana.moved", slotTimes(toMove));
            expect(api.delete("/api/doctors/me/slots/" + toRemove).token(ana.accessToken()).send(), 204);
            UUID brunoFirst = single("bruno.pending", bruno, 5, 10);
            single("bruno.free", bruno, 5, 11);

            Person paula = patient("paula");
            Person pedro = patient("pedro");
            Person priscila = patient("priscila");

            UUID a1 = scenario.requested(paula, accepted);
            expect(api.post("/api/appointments/" + a1 + "/accept").token(ana.accessToken()).send(), 200);
            appointment("accepted", a1, "ana", "paula", accepted, "ACCEPTED");

            UUID rejectedSlot = UUID.fromString(patternSlots.get(0));
            UUID a2 = scenario.requested(pedro, rejectedSlot);
            expect(api.post("/api/appointments/" + a2 + "/reject").token(ana.accessToken())
                    .body(Map.of("reason", "Agenda indisponível por compromisso no hospital.")).send(), 200);
            appointment("rejected", a2, "ana", "pedro", rejectedSlot, "REJECTED");

            UUID cancelledSlot = UUID.fromString(patternSlots.get(1));
            UUID a3 = scenario.requested(priscila, cancelledSlot);
            expect(api.post("/api/appointments/" + a3 + "/cancel").token(priscila.accessToken())
                    .body(Map.of("justification", "Tive um imprevisto no trabalho e não poderei comparecer.")).send(), 200);
            appointment("cancelled", a3, "ana", "priscila", cancelledSlot, "CANCELLED");

            UUID a4 = scenario.requested(paula, brunoFirst);
            appointment("pendingWithBruno", a4, "bruno", "paula", brunoFirst, "REQUESTED");

            UUID pendingSlot = UUID.fromString(patternSlots.get(2));
            UUID a5 = scenario.requested(pedro, pendingSlot);
            appointment("pendingWithAna", a5, "ana", "pedro", pendingSlot, "REQUESTED");

            expect(api.delete("/api/patients/me").token(priscila.accessToken())
                    .body(Map.of("password", priscila.registration().get("password"))).send(), 204);
            story.put("erasedPatient", "priscila");

            for (int i = 0; i < 3; i++) {
                slots.put("ana.pattern." + i, slotTimes(UUID.fromString(patternSlots.get(i))));
            }
            story.put("password", TestData.PASSWORD);
            story.put("people", people);
            story.put("slots", slots);
            story.put("appointments", appointments);
            return story;
        }

        private Person doctor(String key, Person doctor) {
            Map<String, Object> registration = doctor.registration();
            people.put(key, Map.of("id", doctor.id().toString(), "crm", registration.get("crm"), "uf", registration.get("uf"),
                    "email", registration.get("email")));
            return doctor;
        }

        private Person patient(String key) {
            Person patient = scenario.patient();
            people.put(key, Map.of("id", patient.id().toString(), "email", patient.registration().get("email"),
                    "cpf", patient.registration().get("cpf")));
            return patient;
        }

        private UUID single(String key, Person doctor, int daysAhead, int hour) {
            UUID slotId = scenario.publishSlot(doctor, daysAhead, hour);
            slots.put(key, slotTimes(slotId));
            return slotId;
        }

        /** The slot's id and times as the store holds them now (the latest of publication and move), in any naming. */
        private Map<String, Object> slotTimes(UUID slotId) {
            String payload = jdbc.sql("""
                            SELECT convert_from(payload, 'UTF8') FROM domain_event_entry
                             WHERE convert_from(payload, 'UTF8') LIKE ? AND (payload_type LIKE '%SlotPublished%'
                                OR payload_type LIKE '%SlotMoved%')
                             ORDER BY global_index DESC LIMIT 1""")
                    .param("%\"slotId\":\"" + slotId + "\"%").query(String.class).single();
            try {
                var node = JSON.readTree(payload);
                return Map.of("id", slotId.toString(), "start", node.path("start").asText(), "end", node.path("end").asText());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        private void appointment(String key, UUID id, String doctor, String patient, UUID slotId, String status) {
            appointments.put(key, Map.of("id", id.toString(), "doctor", doctor, "patient", patient,
                    "slotId", slotId.toString(), "status", status));
        }

        private static void expect(Api.Response response, int status) {
            assertThat(response.status()).as(response.toString()).isEqualTo(status);
        }
    }
}
