package br.com.healthmed.command.flow;

import br.com.healthmed.command.support.Api;
import br.com.healthmed.command.support.IntegrationTest;
import br.com.healthmed.command.support.Scenario;
import br.com.healthmed.command.support.Scenario.Person;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A booking that outlives the request's wait (the handler is delayed on purpose) must still happen exactly once: the
 * client hears "outcome unknown", retries with the same Idempotency-Key, and gets the appointment its first attempt
 * created.
 */
@IntegrationTest
@TestPropertySource(properties = {
        "healthmed.booking.fault-injection.handler-delay=PT5S",
        "healthmed.commands.timeout=PT2S",
        "healthmed.commands.lock.max-wait=PT1S"})
class BookingRetryAfterTimeoutIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StringRedisTemplate redis;

    Api api;
    Scenario scenario;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        scenario = new Scenario(api);
    }

    @Test
    void a_retry_after_a_timeout_returns_the_original_appointment_and_books_once() throws Exception {
        Person doctor = scenario.verifiedDoctor(scenario.adminToken());
        UUID slotId = scenario.publishSlot(doctor, 12, 10);
        Person patient = scenario.patient();
        String key = "retry-" + UUID.randomUUID();

        Instant sent = Instant.now();
        Api.Response first = book(patient, slotId, key);
        assertThat(first.status()).as("first attempt: %s", first).isEqualTo(503);
        assertThat(first.code()).isEqualTo("command-outcome-unknown");
        assertThat(first.header("Retry-After")).isEqualTo("2");
        assertThat(Duration.between(sent, Instant.now())).as("answered at the command timeout, not the handler's delay")
                .isLessThan(Duration.ofMillis(4_500));

        List<Api.Response> retries = new ArrayList<>();
        Api.Response retry;
        Instant deadline = Instant.now().plusSeconds(20);
        do {
            Thread.sleep(500);
            retry = book(patient, slotId, key);
            retries.add(retry);
        } while (retry.status() != 201 && Instant.now().isBefore(deadline));

        assertThat(retry.status()).as("retries: %s", retries).isEqualTo(201);
        assertThat(retries).as("until the first attempt commits, a retry is told it is still in progress")
                .allSatisfy(r -> assertThat(r.status() == 201 || "idempotency-request-in-progress".equals(r.code()))
                        .as("%s", r).isTrue());
        assertThat(retry.text("status")).isEqualTo("REQUESTED");
        assertThat(retry.json().path("price").path("amount").isNumber()).isTrue();
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        String appointmentId = retry.text("appointmentId");

        Api.Response again = book(patient, slotId, key);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.json()).isEqualTo(retry.json());

        // Redis loses its records (a failover, or a retry a day later): the appointment itself still answers.
        redis.execute((RedisCallback<Void>) connection -> {
            connection.serverCommands().flushDb();
            return null;
        });
        Api.Response afterLoss = book(patient, slotId, key);
        assertThat(afterLoss.status()).as("%s", afterLoss).isEqualTo(201);
        assertThat(afterLoss.json()).isEqualTo(retry.json());
        assertThat(afterLoss.header("Idempotent-Replayed")).isEqualTo("true");

        assertThat(appointmentsRequestedFor(slotId)).containsExactly(appointmentId);
    }

    private Api.Response book(Person patient, UUID slotId, String key) {
        return api.post("/api/appointments").token(patient.accessToken()).header("Idempotency-Key", key)
                .body(Map.of("slotId", slotId.toString())).send();
    }

    /** An appointment's history opens with its request: the Appointment aggregates whose first event names the slot. */
    private List<String> appointmentsRequestedFor(UUID slotId) {
        return jdbc.sql("""
                        SELECT aggregate_identifier FROM domain_event_entry
                         WHERE type = 'Appointment' AND sequence_number = 0 AND convert_from(payload, 'UTF8') LIKE ?""")
                .param("%" + slotId + "%").query(String.class).list();
    }
}
