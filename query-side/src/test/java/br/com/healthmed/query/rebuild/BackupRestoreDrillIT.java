package br.com.healthmed.query.rebuild;

import br.com.healthmed.query.QuerySideApplication;
import br.com.healthmed.query.consistency.ProjectionPositions;
import br.com.healthmed.query.support.CommandSideProcess;
import br.com.healthmed.query.support.PersonKeys;
import br.com.healthmed.testing.HostileTokens;
import br.com.healthmed.testing.SharedInfrastructure;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClients;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.sync.RedisCommands;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backup and restore drill of ADR 0022, end to end on the embedded servers and exactly as an operator runs it:
 * the real command side (its packaged jar) builds a history through the API (the demo catalogue, then bookings,
 * acceptances, a rejection, cancellations by each side, slots moved and removed, a patient who erases herself); a
 * query side builds the views and goes away; {@code deploy/backup/drill.sh} backs up the event store, restores it
 * into a new database, destroys the views, the agenda cache and the token store, rebuilds every view by replay with
 * the packaged query side and compares. Then the views are rebuilt once more on the live database (MongoDB lost
 * alone), and a command side runs on the restored database.
 */
class BackupRestoreDrillIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final String DEMO_PATIENT_PASSWORD = "demo-patient-2026";
    private static final String DEMO_DOCTOR_PASSWORD = "demo-doctor-2026";
    private static final String ERASED_NAME = "Eva Apagada Teixeira";
    private static final String ERASED_EMAIL = "eva.apagada@drill.healthmed.test";
    private static final String ERASED_PASSWORD = "senha-da-eva-bem-longa";

    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stopEverything() throws Exception {
        for (AutoCloseable closeable : started.reversed()) {
            closeable.close();
        }
    }

    @Test
    void a_restored_event_store_rebuilds_the_same_views_and_erased_patients_stay_erased() throws Exception {
        var postgres = SharedInfrastructure.postgres();
        var redis = SharedInfrastructure.redis();
        var mongo = SharedInfrastructure.mongo();
        String liveDatabase = postgres.createUniqueDatabase("drill_live");
        String restoredDatabase = liveDatabase.replace("drill_live", "drill_restored");
        String mongoUri = mongo.uri(mongo.uniqueDatabase("drill"));
        int redisDatabase = SharedInfrastructure.nextRedisDatabase();
        String masterKey = PersonKeys.randomMasterKey();
        Path keys = Files.createTempDirectory("healthmed-drill-").resolve("keys");
        Map<String, String> commandEnvironment = new LinkedHashMap<>(Map.of(
                "DATABASE_URL", liveDatabase,
                "DATABASE_USERNAME", "postgres",
                "DATABASE_PASSWORD", "postgres",
                "REDIS_HOST", "127.0.0.1",
                "REDIS_PORT", Integer.toString(redis.port()),
                "SPRING_DATA_REDIS_DATABASE", Integer.toString(SharedInfrastructure.nextRedisDatabase()),
                "HEALTHMED_PRIVACY_MASTER_KEY", masterKey,
                "HEALTHMED_PRIVACY_LOOKUP_KEY", PersonKeys.randomMasterKey(),
                "HEALTHMED_JWT_KEY_DIRECTORY", keys.toString(),
                "HEALTHMED_SECURITY_JWT_KEY_DIRECTORY", keys.toString()));

        // The history: 24 doctors with their weekly patterns and 3 patients from the demo catalogue, then use.
        Map<String, String> seeding = new LinkedHashMap<>(commandEnvironment);
        seeding.put("HEALTHMED_DEMO_SEED", "true");
        // The JVM's SMTP server carries the confirmation of the patient registered below (ADR 0033).
        seeding.put("SPRING_MAIL_HOST", "127.0.0.1");
        seeding.put("SPRING_MAIL_PORT", Integer.toString(SharedInfrastructure.mailbox().port()));
        CommandSideProcess commandSide = CommandSideProcess.start(seeding, "command-side-drill.log");
        started.add(commandSide);
        Seeded history = new History(commandSide.baseUrl()).build();

        // The views as a query side built them; then it stops (the views are what the disaster takes).
        Map<String, String> queryProperties = new LinkedHashMap<>(Map.of(
                "spring.datasource.url", liveDatabase,
                "spring.datasource.username", "postgres",
                "spring.datasource.password", "postgres",
                "spring.data.mongodb.uri", mongoUri,
                "spring.data.redis.host", "127.0.0.1",
                "spring.data.redis.port", Integer.toString(redis.port()),
                "spring.data.redis.database", Integer.toString(redisDatabase),
                "healthmed.privacy.master-key", masterKey,
                "healthmed.security.jwt.key-directory", keys.toString(),
                "server.port", "0"));
        long head = single(liveDatabase, "SELECT max(global_index) FROM domain_event_entry");
        try (ConfigurableApplicationContext querySide = new SpringApplicationBuilder(QuerySideApplication.class)
                .run(queryProperties.entrySet().stream().map(entry -> "--" + entry.getKey() + "=" + entry.getValue()).toArray(String[]::new))) {
            ProjectionPositions positions = querySide.getBean(ProjectionPositions.class);
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (!positions.caughtUpTo(head)) {
                assertThat(System.nanoTime()).as("the projections reach the head of the stream").isLessThan(deadline);
                Thread.sleep(200);
            }
            Thread.sleep(1000);
        }
        String cacheMarker = "agenda:0:drill-marker:0";
        withRedis(redis.port(), redisDatabase, commands -> commands.set(cacheMarker, "a cached agenda"));

        Path backups = Files.createTempDirectory("healthmed-drill-backup-");
        Drill drill = runDrill(Map.ofEntries(
                Map.entry("DATABASE_URL", liveDatabase),
                Map.entry("DATABASE_USERNAME", "postgres"),
                Map.entry("DATABASE_PASSWORD", "postgres"),
                Map.entry("RESTORE_DATABASE_URL", restoredDatabase),
                Map.entry("MONGODB_URI", mongoUri),
                // In place: the views the query side used are the ones destroyed and rebuilt.
                Map.entry("DRILL_MONGODB_URI", mongoUri),
                Map.entry("REDIS_HOST", "127.0.0.1"),
                Map.entry("REDIS_PORT", Integer.toString(redis.port())),
                Map.entry("DRILL_REDIS_DATABASE", Integer.toString(redisDatabase)),
                Map.entry("HEALTHMED_PRIVACY_MASTER_KEY", masterKey),
                Map.entry("HEALTHMED_JWT_KEY_DIRECTORY", keys.toString()),
                Map.entry("BACKUP_DIR", backups.toString()),
                Map.entry("JAVA", ProcessHandle.current().info().command().orElse("java")),
                Map.entry("JAVA_OPTS", "-Xmx512m -XX:TieredStopAtLevel=1")));

        assertThat(drill.exitCode()).as(drill.output()).isZero();
        assertThat(drill.output()).contains("DRILL PASSED");

        // The views were destroyed, not left in place: every document of every collection, and the agenda cache.
        ViewDump before = ViewDump.read(backups.resolve("views-before.json"));
        ViewDump after = ViewDump.read(backups.resolve("views-after.json"));
        assertThat(before.collections().keySet()).contains("doctors", "doctor_slots", "slots", "appointments", "patients");
        for (var collection : before.collections().entrySet()) {
            assertThat(drill.output()).contains(collection.getKey() + "=" + collection.getValue().documents().size());
        }
        withRedis(redis.port(), redisDatabase, commands -> assertThat(commands.exists(cacheMarker)).isZero());

        // The same views, checked here on the files and on MongoDB itself rather than on the tool's word; only the
        // fields that follow the clock are left out.
        assertThat(before.documents()).isGreaterThan(1000);
        assertThat(before.differencesFrom(after, ViewDump.CLOCK_DRIVEN)).isEmpty();
        try (var client = MongoClients.create(mongoUri)) {
            ViewDump rebuilt = ViewDump.of(client.getDatabase(mongoUri.substring(mongoUri.lastIndexOf('/') + 1)));
            assertThat(before.differencesFrom(rebuilt, ViewDump.CLOCK_DRIVEN)).isEmpty();
            assertThat(rebuilt.collections().get("appointments").documents())
                    .extracting(document -> document.getString("status"))
                    .contains("REQUESTED", "ACCEPTED", "REJECTED", "CANCELLED");

            // Crypto-shredding holds after the restore: the key is still a tombstone, the view says erased, and no
            // file of the backup holds her name or e-mail, as text or as the hex in which COPY writes BYTEA.
            Document erased = client.getDatabase(mongoUri.substring(mongoUri.lastIndexOf('/') + 1))
                    .getCollection("patients").find(new Document("_id", history.erasedPatient())).first();
            assertThat(erased).isNotNull();
            assertThat(erased.getBoolean("erased")).isTrue();
            assertThat(erased).doesNotContainKey("name");
        }
        assertThat(single(restoredDatabase, "SELECT count(*) FROM person_key WHERE subject_id = '" + history.erasedPatient()
                + "' AND wrapped_key IS NULL AND shredded_at IS NOT NULL")).isEqualTo(1);
        assertThat(drill.output()).contains("1 persons erased before the backup: still erased");
        try (Stream<Path> files = Files.walk(backups.resolve("event-store"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = Files.readString(file, StandardCharsets.UTF_8);
                for (String secret : List.of(ERASED_NAME, ERASED_EMAIL)) {
                    assertThat(content).as(file.getFileName().toString()).doesNotContain(secret)
                            .doesNotContain(HexFormat.of().formatHex(secret.getBytes(StandardCharsets.UTF_8)));
                }
            }
        }

        // MongoDB lost alone: the views are rebuilt on the live database, whose token store must go for that.
        RebuildViews.Result inPlace = RebuildViews.rebuild(
                new Stores(liveDatabase, "postgres", "postgres", mongoUri, "127.0.0.1", redis.port(), redisDatabase, "", ""),
                Map.of("healthmed.privacy.master-key", masterKey, "healthmed.security.jwt.key-directory", keys.toString()),
                Duration.ofMinutes(5));
        assertThat(inPlace.wiped().querySideRows().get("token_entry")).as("the old tokens were deleted").isPositive();
        assertThat(inPlace.wiped().documents()).isEqualTo(documentCounts(after));
        assertThat(inPlace.problems()).isEmpty();
        assertThat(before.differencesFrom(inPlace.views(), ViewDump.CLOCK_DRIVEN)).isEmpty();

        // The restored database runs the command side: accounts, login names and sequences came back.
        commandSide.close();
        Map<String, String> onRestored = new LinkedHashMap<>(commandEnvironment);
        onRestored.put("DATABASE_URL", restoredDatabase);
        CommandSideProcess restored = CommandSideProcess.start(onRestored, "command-side-drill-restored.log");
        started.add(restored);
        Client client = new Client(restored.baseUrl());
        String maria = client.patientLogin("maria.silva@demo.healthmed.local", DEMO_PATIENT_PASSWORD);
        Reply booking = client.send("POST", "/api/appointments", maria, Map.of("slotId", history.freeSlot()));
        assertThat(booking.status()).as(booking.body().toString()).isEqualTo(201);
        long restoredHead = single(restoredDatabase, "SELECT max(global_index) FROM domain_event_entry");
        assertThat(restoredHead).as("new events come after every restored one").isGreaterThan(head);
        Reply erasedLogin = client.send("POST", "/api/auth/patient/login", null, Map.of("login", ERASED_EMAIL, "password", ERASED_PASSWORD));
        assertThat(erasedLogin.status()).as("an erased patient's login stays deleted").isEqualTo(401);
    }

    record Drill(int exitCode, String output) {
    }

    private static Map<String, Long> documentCounts(ViewDump views) {
        Map<String, Long> counts = new TreeMap<>();
        views.collections().forEach((name, collection) -> counts.put(name, (long) collection.documents().size()));
        return counts;
    }

    private static Drill runDrill(Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "deploy/backup/drill.sh")
                .directory(REPOSITORY.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).isTrue();
        return new Drill(process.exitValue(), output);
    }

    private static long single(String jdbcUrl, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static void withRedis(int port, int database,
                                  Consumer<RedisCommands<String, String>> use) {
        RedisClient client = RedisClient.create(RedisURI.builder().withHost("127.0.0.1").withPort(port).withDatabase(database).build());
        try (var connection = client.connect()) {
            use.accept(connection.sync());
        } finally {
            client.shutdown();
        }
    }

    /** What the history left that the test checks afterwards. */
    record Seeded(String erasedPatient, String freeSlot) {
    }

    /** The history, through the command side's public API as the apps would drive it. */
    private static final class History {

        private final Client client;

        History(String commandSide) {
            this.client = new Client(commandSide);
        }

        Seeded build() {
            String ana = client.doctorLogin("123456", "SP");
            String maria = client.patientLogin("maria.silva@demo.healthmed.local", DEMO_PATIENT_PASSWORD);
            String jose = client.patientLogin("jose.oliveira@demo.healthmed.local", DEMO_PATIENT_PASSWORD);
            // Evening slots in UTC, away from Ana's morning pattern, three days ahead: bookable, whatever the hour.
            Instant base = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS).plus(21, ChronoUnit.HOURS);
            List<String> slots = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Instant start = base.plus(Duration.ofMinutes(40L * i));
                Reply published = client.expect(201, "POST", "/api/doctors/me/slots", ana,
                        Map.of("start", start.toString(), "end", start.plus(Duration.ofMinutes(30)).toString()));
                slots.add(published.body().path("slotIds").get(0).asText());
            }
            String accepted = client.book(maria, slots.get(0));
            client.expect(200, "POST", "/api/appointments/" + accepted + "/accept", ana, null);
            String rejected = client.book(maria, slots.get(1));
            client.expect(200, "POST", "/api/appointments/" + rejected + "/reject", ana, Map.of("reason", "Agenda cheia nesse dia"));
            String cancelled = client.book(maria, slots.get(2));
            client.expect(200, "POST", "/api/appointments/" + cancelled + "/cancel", maria, Map.of("justification", "Imprevisto no trabalho"));
            client.book(jose, slots.get(3));
            Instant moved = base.plus(Duration.ofHours(6));
            client.expect(200, "PUT", "/api/doctors/me/slots/" + slots.get(4), ana,
                    Map.of("start", moved.toString(), "end", moved.plus(Duration.ofMinutes(30)).toString()));
            client.expect(204, "DELETE", "/api/doctors/me/slots/" + slots.get(5), ana, null);

            // A patient who books, is cancelled on by the doctor (a justification sealed with her key), books again
            // and erases herself: her data must stay unreadable in the restored store and the rebuilt views.
            client.expect(202, "POST", "/api/patients", null, Map.of("name", ERASED_NAME,
                    "email", ERASED_EMAIL, "cpf", "52998224725", "password", ERASED_PASSWORD));
            client.expect(204, "POST", "/api/patients/confirmation", null,
                    Map.of("token", SharedInfrastructure.mailbox().confirmationToken(ERASED_EMAIL)));
            String eva = client.patientLogin(ERASED_EMAIL, ERASED_PASSWORD);
            String evasId = HostileTokens.subjectOf(eva).toString();
            String evasFirst = client.book(eva, slots.get(6));
            client.expect(200, "POST", "/api/appointments/" + evasFirst + "/accept", ana, null);
            client.expect(200, "POST", "/api/appointments/" + evasFirst + "/cancel", ana,
                    Map.of("justification", "Eva, precisei remarcar por causa de uma cirurgia"));
            client.book(eva, slots.get(7));
            client.expect(204, "DELETE", "/api/patients/me", eva, Map.of("password", ERASED_PASSWORD));
            return new Seeded(evasId, slots.get(4));
        }
    }

    record Reply(int status, JsonNode body) {
    }

    private static final class Client {

        private final String baseUrl;

        Client(String baseUrl) {
            this.baseUrl = baseUrl;
        }

        String doctorLogin(String crm, String uf) {
            return expect(200, "POST", "/api/auth/doctor/login", null,
                    Map.of("crm", crm, "uf", uf, "password", DEMO_DOCTOR_PASSWORD)).body().path("accessToken").asText();
        }

        String patientLogin(String login, String password) {
            return expect(200, "POST", "/api/auth/patient/login", null, Map.of("login", login, "password", password))
                    .body().path("accessToken").asText();
        }

        String book(String patient, String slotId) {
            return expect(201, "POST", "/api/appointments", patient, Map.of("slotId", slotId)).body().path("appointmentId").asText();
        }

        Reply expect(int status, String method, String path, String token, Object body) {
            Reply reply = send(method, path, token, body);
            assertThat(reply.status()).as("%s %s: %s", method, path, reply.body()).isEqualTo(status);
            return reply;
        }

        /**
         * As a client should: a 503 is retried after its Retry-After (a freshly started command side on a busy machine
         * may not have reached Redis yet), a few times, with one Idempotency-Key so that a retried command runs once.
         */
        Reply send(String method, String path, String token, Object body) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", UUID.randomUUID().toString());
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            try {
                request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
                HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
                for (int retries = 0; response.statusCode() == 503 && retries < 5; retries++) {
                    Thread.sleep(Duration.ofSeconds(Long.parseLong(response.headers().firstValue("Retry-After").orElse("1"))));
                    response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
                }
                String text = response.body();
                return new Reply(response.statusCode(), text == null || text.isBlank() ? JSON.nullNode() : JSON.readTree(text));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
