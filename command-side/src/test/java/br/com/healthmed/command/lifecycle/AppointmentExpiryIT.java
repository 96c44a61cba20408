package br.com.healthmed.command.lifecycle;

import br.com.healthmed.command.CommandSideApplication;
import br.com.healthmed.command.support.Api;
import br.com.healthmed.command.support.EmbeddedInfrastructureInitializer;
import br.com.healthmed.command.support.Scenario;
import br.com.healthmed.command.support.Scenario.Person;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Deadlines kept in PostgreSQL (ADR 0012): a request scheduled by one command-side process expires after that process
 * has stopped, on the next one started against the same database, and frees the slot; with two processes running, an
 * expiry happens once. Each process is a whole application context with a short request expiry and fast polling.
 */
class AppointmentExpiryIT {

    /**
     * Long enough for the first process to register, confirm and book, store the deadline and stop before it fires,
     * on a loaded CI machine (10 s was not: the patient's e-mail confirmation made the setup longer).
     */
    private static final String EXPIRY = "PT25S";

    private final List<ConfigurableApplicationContext> running = new ArrayList<>();

    @AfterEach
    void stopAll() {
        running.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void a_request_expires_after_a_restart_and_once_with_two_processes_and_its_slot_is_booked_again() {
        ConfigurableApplicationContext before = start(new SpringApplicationBuilder(CommandSideApplication.class)
                .initializers(new EmbeddedInfrastructureInitializer()), List.of());
        List<String> sameDatabase = sharedSettings(before.getEnvironment());
        JdbcClient jdbc = database(before.getEnvironment());
        Scenario scenario = new Scenario(api(before));
        Person doctor = scenario.verifiedDoctor(scenario.adminToken());
        UUID slot = scenario.publishSlot(doctor, 3, 9);
        UUID appointment = scenario.requested(scenario.patient(), slot);

        await("the expiry deadline is stored", Duration.ofSeconds(20), () -> deadlinesStored(jdbc) == 1);
        before.close();
        running.remove(before);
        assertThat(expiredEvents(jdbc, appointment)).as("nothing expired while the first process ran").isZero();
        assertThat(deadlinesStored(jdbc)).as("the deadline outlives its process").isEqualTo(1);

        ConfigurableApplicationContext after = start(new SpringApplicationBuilder(CommandSideApplication.class), sameDatabase);
        JdbcClient afterJdbc = jdbc;
        await("the request expires on the restarted process", Duration.ofSeconds(60),
                () -> expiredEvents(afterJdbc, appointment) == 1);
        assertThat(releases(afterJdbc, slot)).isEqualTo(1);
        assertThat(metaDataOfExpiry(afterJdbc, appointment)).contains("\"userId\":\"system\"", "\"role\":\"SYSTEM\"");
        Scenario afterRestart = new Scenario(api(after));
        assertThat(afterRestart.request(afterRestart.patient(), slot).status()).as("the freed slot is bookable").isEqualTo(201);

        ConfigurableApplicationContext second = start(new SpringApplicationBuilder(CommandSideApplication.class), sameDatabase);
        UUID otherSlot = afterRestart.publishSlot(doctor, 3, 10);
        UUID racing = new Scenario(api(second)).requested(afterRestart.patient(), otherSlot);
        await("the request expires with two processes polling", Duration.ofSeconds(60),
                () -> expiredEvents(afterJdbc, racing) == 1);
        pause(Duration.ofSeconds(2));
        assertThat(expiredEvents(afterJdbc, racing)).as("several polls later, still one expiry").isEqualTo(1);
        assertThat(releases(afterJdbc, otherSlot)).isEqualTo(1);
    }

    private ConfigurableApplicationContext start(SpringApplicationBuilder builder, List<String> settings) {
        List<String> arguments = new ArrayList<>(settings);
        arguments.add("--server.port=0");
        arguments.add("--healthmed.lifecycle.request-expiry=" + EXPIRY);
        arguments.add("--db-scheduler.polling-interval=PT0.5S");
        ConfigurableApplicationContext context = builder.run(arguments.toArray(String[]::new));
        running.add(context);
        return context;
    }

    /** As command-line arguments, which win over application.yml's placeholders (see TwoCommandSidesIT). */
    private static List<String> sharedSettings(Environment environment) {
        return Stream.of("spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
                        "spring.data.redis.host", "spring.data.redis.port", "spring.data.redis.database",
                        "spring.mail.host", "spring.mail.port",
                        "healthmed.privacy.master-key", "healthmed.privacy.lookup-key",
                        "healthmed.security.jwt.key-directory", "healthmed.admin.email", "healthmed.admin.password",
                            "healthmed.admin.totp-secret")
                .map(name -> "--" + name + "=" + environment.getRequiredProperty(name))
                .toList();
    }

    /** Outside any application context, so that it outlives the processes it watches. */
    private static JdbcClient database(Environment environment) {
        return JdbcClient.create(new DriverManagerDataSource(environment.getRequiredProperty("spring.datasource.url"),
                environment.getRequiredProperty("spring.datasource.username"),
                environment.getRequiredProperty("spring.datasource.password")));
    }

    private static Api api(ConfigurableApplicationContext context) {
        return new Api(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    /** The deadline still waiting: the accepted ones' end deadlines do not exist here, nothing is accepted. */
    private static long deadlinesStored(JdbcClient jdbc) {
        // Only the requests' expiry: each registered patient has a confirmation deadline too (ADR 0033).
        return jdbc.sql("""
                        SELECT count(*) FROM scheduled_tasks WHERE task_name = 'AxonDeadline'
                        AND position(convert_to('appointment-request-expiry', 'UTF8') IN task_data) > 0""")
                .query(Long.class).single();
    }

    private static long expiredEvents(JdbcClient jdbc, UUID appointment) {
        return jdbc.sql("""
                        SELECT count(*) FROM domain_event_entry
                         WHERE aggregate_identifier = ? AND payload_type = 'healthmed.appointment.AppointmentExpired'""")
                .param(appointment.toString()).query(Long.class).single();
    }

    private static String metaDataOfExpiry(JdbcClient jdbc, UUID appointment) {
        return jdbc.sql("""
                        SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry
                         WHERE aggregate_identifier = ? AND payload_type = 'healthmed.appointment.AppointmentExpired'""")
                .param(appointment.toString()).query(String.class).single();
    }

    private static long releases(JdbcClient jdbc, UUID slot) {
        return jdbc.sql("""
                        SELECT count(*) FROM domain_event_entry
                         WHERE payload_type = 'healthmed.schedule.SlotReleased' AND convert_from(payload, 'UTF8') LIKE ?""")
                .param("%" + slot + "%").query(Long.class).single();
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) {
        Instant giveUp = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(giveUp)) {
                fail("waited %s for: %s", timeout, what);
            }
            pause(Duration.ofMillis(200));
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }
}
