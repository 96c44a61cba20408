package br.com.healthmed.command.support;

import br.com.healthmed.testing.SharedInfrastructure;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.Base64;

/** Points a test context at the JVM's embedded PostgreSQL and Redis, with its own database, fresh secrets and a JWT key folder. */
public class EmbeddedInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final SecureRandom RANDOM = new SecureRandom();

    private static Path jwtKeyDirectory;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        var postgres = SharedInfrastructure.postgres();
        var redis = SharedInfrastructure.redis();
        TestPropertyValues.of(
                "spring.datasource.url=" + postgres.createUniqueDatabase("command"),
                "spring.datasource.username=postgres",
                "spring.datasource.password=postgres",
                // Spring keeps many test contexts alive at once, all on one PostgreSQL: an idle context keeps one
                // connection, not a full pool (Hikari's default minimum), so the server's connection limit is not reached.
                "spring.datasource.hikari.minimum-idle=1",
                "spring.data.redis.host=127.0.0.1",
                "spring.data.redis.port=" + redis.port(),
                "spring.data.redis.database=" + SharedInfrastructure.nextRedisDatabase(),
                "healthmed.security.jwt.key-directory=" + jwtKeyDirectory()
        ).applyTo(context);
        // A test that must open data sealed elsewhere (a recorded event store) brings its own keys.
        for (String key : new String[] {"healthmed.privacy.master-key", "healthmed.privacy.lookup-key"}) {
            if (context.getEnvironment().getProperty(key, "").isBlank()) {
                TestPropertyValues.of(key + "=" + randomKey()).applyTo(context);
            }
        }
        // Every test client is 127.0.0.1 and many tests register and book a lot, some in bursts of 50 on a loaded
        // machine: the per-address registration and per-patient request throttles are out of their way, and a password
        // hash waits for its turn instead of answering 503 at once, unless a test sets them (their own tests do).
        Map<String, String> lifted = Map.of(
                "healthmed.security.registration-throttle.per-address", "100000",
                "healthmed.patient-requests.per-window", "100000",
                "healthmed.security.password-hashing.max-wait", "PT30S",
                // Twenty simultaneous registrations from one address (ConcurrencyIT) queue on one rate-limit bucket.
                "healthmed.security.rate-limits.max-wait", "PT30S");
        lifted.forEach((limit, value) -> {
            if (context.getEnvironment().getProperty(limit, "").isBlank()) {
                TestPropertyValues.of(limit + "=" + value).applyTo(context);
            }
        });
        // Every context sends mail to the JVM's one SMTP server, so that fixtures confirm patient registrations by the
        // token in the mail, as a patient would (ADR 0033); a test that brings its own server sets spring.mail.host.
        if (context.getEnvironment().getProperty("spring.mail.host", "").isBlank()) {
            TestPropertyValues.of(
                    "spring.mail.host=127.0.0.1",
                    "spring.mail.port=" + SharedInfrastructure.mailbox().port()
            ).applyTo(context);
        }
        if (context.getEnvironment().getProperty("healthmed.admin.email", "").isBlank()) {
            TestPropertyValues.of(
                    "healthmed.admin.email=" + Scenario.ADMIN_EMAIL,
                    "healthmed.admin.password=" + Scenario.ADMIN_PASSWORD,
                    "healthmed.admin.totp-secret=" + Scenario.ADMIN_TOTP_SECRET
            ).applyTo(context);
        }
    }

    /** One folder per test JVM: the first context generates the JWT key pair there, later ones load it. */
    private static synchronized Path jwtKeyDirectory() {
        if (jwtKeyDirectory == null) {
            try {
                Path parent = Files.createTempDirectory("healthmed-jwt-");
                jwtKeyDirectory = parent.resolve("keys");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(parent)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return jwtKeyDirectory;
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // The JVM is exiting; a leftover temp folder is harmless.
        }
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
