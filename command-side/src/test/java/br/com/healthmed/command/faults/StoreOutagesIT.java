package br.com.healthmed.command.faults;

import br.com.healthmed.command.support.Api;
import br.com.healthmed.command.support.Scenario;
import br.com.healthmed.command.support.Scenario.Person;
import br.com.healthmed.command.support.TestData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * While Redis or PostgreSQL is away the command side answers 503 {@code store-unavailable} with Retry-After, promptly
 * and never as a 500; it never logs anyone in without the throttle, never runs an Idempotency-Key request it cannot
 * record, applies nothing by halves, and recovers by itself when the store returns.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = FaultyLinks.class)
class StoreOutagesIT {

    /** Hikari's connection timeout (2 s) plus a wide margin: bounded, far below the gateway's 30 s. */
    static final Duration BOUNDED = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api api;
    Scenario scenario;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        scenario = new Scenario(api);
    }

    @AfterEach
    void storesComeBack() {
        FaultyLinks.redis.restore();
        FaultyLinks.postgres.restore();
    }

    @Test
    void with_redis_down_logins_refreshes_and_idempotent_bookings_answer_503_and_all_work_again_once_it_returns() {
        Person doctor = scenario.verifiedDoctor(scenario.adminToken());
        UUID slotId = scenario.publishSlot(doctor, 12, 10);
        Person patient = scenario.patient();
        String key = "outage-" + UUID.randomUUID();

        FaultyLinks.redis.cut();

        assertUnavailable(login(patient));
        assertUnavailable(login(Map.of("login", patient.registration().get("email"), "password", "a wrong password")));
        assertUnavailable(api.post("/api/auth/refresh").body(Map.of("refreshToken", patient.refreshToken())).send());
        // An authenticated request meets Redis first in the revoked-token check, which fails closed with its own code.
        assertUnavailable(book(patient, slotId, key), "token-check-unavailable");
        assertThat(appointmentsRequestedFor(slotId)).as("the idempotent request did not run").isEmpty();

        FaultyLinks.redis.restore();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(login(patient).status()).isEqualTo(200));
        assertThat(api.post("/api/auth/refresh").body(Map.of("refreshToken", patient.refreshToken())).send().status())
                .isEqualTo(200);
        Api.Response booked = book(patient, slotId, key);
        assertThat(booked.status()).as("%s", booked).isEqualTo(201);
        assertThat(book(patient, slotId, key).json()).isEqualTo(booked.json());
        assertThat(appointmentsRequestedFor(slotId)).containsExactly(booked.text("appointmentId"));
    }

    @Test
    void with_postgresql_down_commands_answer_503_promptly_nothing_is_half_applied_and_the_pool_recovers() {
        Person doctor = scenario.verifiedDoctor(scenario.adminToken());
        UUID slotId = scenario.publishSlot(doctor, 13, 10);
        Person patient = scenario.patient();
        UUID pending = scenario.requested(patient, scenario.publishSlot(doctor, 13, 11));
        long lastBefore = lastGlobalIndex();

        FaultyLinks.postgres.cut();

        assertUnavailable(timed(() -> scenario.request(patient, slotId)));
        assertUnavailable(timed(() -> api.post("/api/appointments/" + pending + "/accept").token(doctor.accessToken()).send()));
        assertUnavailable(timed(() -> api.post("/api/patients")
                .body(TestData.patient(TestData.uniqueEmail("outage"), TestData.cpf())).send()));

        FaultyLinks.postgres.restore();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(scenario.request(patient, slotId).status()).isEqualTo(201));
        List<String> booked = appointmentsRequestedFor(slotId);
        assertThat(booked).hasSize(1);
        assertThat(eventsAfter(lastBefore)).as("only the booking made after the outage; nothing from during it")
                .isNotEmpty().allSatisfy(event -> assertThat(event).contains(booked.getFirst()));
        Api.Response accepted = api.post("/api/appointments/" + pending + "/accept").token(doctor.accessToken()).send();
        assertThat(accepted.status()).as("%s", accepted).isEqualTo(200);
    }

    @Test
    void a_keyed_booking_refused_while_postgresql_is_down_is_booked_by_its_first_retry_once_it_returns() {
        Person doctor = scenario.verifiedDoctor(scenario.adminToken());
        UUID slotId = scenario.publishSlot(doctor, 14, 10);
        Person patient = scenario.patient();
        String key = "outage-" + UUID.randomUUID();

        FaultyLinks.postgres.cut();

        assertUnavailable(timed(() -> book(patient, slotId, key)));

        FaultyLinks.postgres.restore();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> lastGlobalIndex() > 0);

        // Not 409 idempotency-request-in-progress until the key's in-flight record expires: nothing had started.
        Api.Response retried = book(patient, slotId, key);
        assertThat(retried.status()).as("%s", retried).isEqualTo(201);
        assertThat(appointmentsRequestedFor(slotId)).containsExactly(retried.text("appointmentId"));
    }

    @Test
    void logins_refused_while_postgresql_is_down_do_not_count_as_failed_logins() {
        Person patient = scenario.patient();

        FaultyLinks.postgres.cut();

        // More than the 5 failures per account and address that lock a login out for 15 minutes.
        for (int attempt = 0; attempt < 7; attempt++) {
            assertUnavailable(login(patient));
        }

        FaultyLinks.postgres.restore();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> lastGlobalIndex() > 0);

        Api.Response loggedIn = login(patient);
        assertThat(loggedIn.status()).as("%s", loggedIn).isEqualTo(200);
    }

    private void assertUnavailable(Api.Response response) {
        assertUnavailable(response, "store-unavailable");
    }

    private void assertUnavailable(Api.Response response, String code) {
        assertThat(response.status()).as("%s", response).isEqualTo(503);
        assertThat(response.code()).isEqualTo(code);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.header("Retry-After")).isNotBlank();
    }

    private static Timed timed(java.util.function.Supplier<Api.Response> request) {
        Instant sent = Instant.now();
        Api.Response response = request.get();
        return new Timed(response, Duration.between(sent, Instant.now()));
    }

    private void assertUnavailable(Timed timed) {
        assertUnavailable(timed.response());
        assertThat(timed.took()).isLessThan(BOUNDED);
    }

    private record Timed(Api.Response response, Duration took) {
    }

    private Api.Response login(Person patient) {
        return login(Map.of("login", patient.registration().get("email"), "password", TestData.PASSWORD));
    }

    private Api.Response login(Map<String, Object> body) {
        return api.post("/api/auth/patient/login").body(body).send();
    }

    private Api.Response book(Person patient, UUID slotId, String key) {
        return api.post("/api/appointments").token(patient.accessToken()).header("Idempotency-Key", key)
                .body(Map.of("slotId", slotId.toString())).send();
    }

    private long lastGlobalIndex() {
        return jdbc.sql("SELECT coalesce(max(global_index), 0) FROM domain_event_entry").query(Long.class).single();
    }

    /** Each event stored after {@code globalIndex}, as its aggregate id and payload. */
    private List<String> eventsAfter(long globalIndex) {
        return jdbc.sql("""
                        SELECT aggregate_identifier || ' ' || convert_from(payload, 'UTF8') FROM domain_event_entry
                         WHERE global_index > ? ORDER BY global_index""")
                .param(globalIndex).query(String.class).list();
    }

    private List<String> appointmentsRequestedFor(UUID slotId) {
        return jdbc.sql("""
                        SELECT aggregate_identifier FROM domain_event_entry
                         WHERE type = 'Appointment' AND sequence_number = 0 AND convert_from(payload, 'UTF8') LIKE ?""")
                .param("%" + slotId + "%").query(String.class).list();
    }
}
