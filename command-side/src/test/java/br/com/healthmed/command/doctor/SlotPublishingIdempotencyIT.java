package br.com.healthmed.command.doctor;

import br.com.healthmed.command.support.Api;
import br.com.healthmed.command.support.IntegrationTest;
import br.com.healthmed.command.support.Scenario;
import br.com.healthmed.command.support.Scenario.Person;
import br.com.healthmed.command.support.TestData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Publishing slots with an Idempotency-Key happens at most once however often the request is sent: a retry gets the
 * first answer (the same slot ids), also when the record of that answer is gone — as after a 503
 * command-outcome-unknown, whose attempt committed without anyone recording its answer — because the key names the
 * slot ids. The same key with another body is refused.
 */
@IntegrationTest
class SlotPublishingIdempotencyIT {

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
    void a_repeated_key_gets_the_first_answer_and_the_slot_is_published_once() {
        Person doctor = scenario.verifiedDoctor(scenario.adminToken());
        String key = "slot-" + UUID.randomUUID();
        Map<String, Object> slot = TestData.slot(12, 10);

        Api.Response first = publish(doctor, key, slot);
        assertThat(first.status()).as("%s", first).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        Api.Response again = publish(doctor, key, slot);
        assertThat(again.status()).as("%s", again).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.json()).isEqualTo(first.json());

        forgetIdempotencyRecords();
        Api.Response afterLoss = publish(doctor, key, slot);
        assertThat(afterLoss.status()).as("found by its slot, not by a record: %s", afterLoss).isEqualTo(201);
        assertThat(afterLoss.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(afterLoss.json()).isEqualTo(first.json());

        assertThat(slotsOf(doctor)).containsExactly(UUID.fromString(first.json().path("slotIds").get(0).asText()));
    }

    @Test
    void a_repeated_key_gets_the_same_weekly_pattern_and_publishes_it_once() {
        Person doctor = scenario.verifiedDoctor(scenario.adminToken());
        String key = "pattern-" + UUID.randomUUID();
        LocalDate monday = TestData.nextMonday();
        Map<String, Object> pattern = Map.of("weeklyPattern", Map.of("weekdays", List.of("MONDAY", "TUESDAY"),
                "startTime", "08:00", "endTime", "10:00", "slotMinutes", 30,
                "fromDate", monday.toString(), "toDate", monday.plusDays(1).toString()));

        Api.Response first = publish(doctor, key, pattern);
        assertThat(first.status()).as("%s", first).isEqualTo(201);
        assertThat(first.json().path("slotIds")).hasSize(8);
        forgetIdempotencyRecords();
        Api.Response afterLoss = publish(doctor, key, pattern);

        assertThat(afterLoss.status()).as("%s", afterLoss).isEqualTo(201);
        assertThat(afterLoss.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(afterLoss.json()).as("every slot, in the same order").isEqualTo(first.json());
        assertThat(slotsOf(doctor)).hasSize(8);
    }

    @Test
    void the_same_key_with_another_body_is_refused_and_publishes_nothing() {
        Person doctor = scenario.verifiedDoctor(scenario.adminToken());
        String key = "slot-" + UUID.randomUUID();
        Api.Response first = publish(doctor, key, TestData.slot(12, 10));
        assertThat(first.status()).as("%s", first).isEqualTo(201);

        Api.Response reused = publish(doctor, key, TestData.slot(12, 14));

        assertThat(reused.status()).as("%s", reused).isEqualTo(422);
        assertThat(reused.code()).isEqualTo("idempotency-key-reused");
        assertThat(slotsOf(doctor)).hasSize(1);
    }

    @Test
    void without_a_key_every_request_publishes_and_a_refused_keyed_one_may_be_sent_again() {
        Person doctor = scenario.verifiedDoctor(scenario.adminToken());
        Map<String, Object> slot = TestData.slot(12, 10);
        assertThat(api.post("/api/doctors/me/slots").token(doctor.accessToken()).body(slot).send().status()).isEqualTo(201);
        String key = "slot-" + UUID.randomUUID();

        Api.Response overlapping = publish(doctor, key, slot);
        assertThat(overlapping.status()).as("%s", overlapping).isEqualTo(409);
        assertThat(overlapping.code()).isEqualTo("slot-overlap");
        Api.Response sameAgain = publish(doctor, key, slot);

        assertThat(sameAgain.code()).as("a rejection is not replayed from a record: the request runs again")
                .isEqualTo("slot-overlap");
        assertThat(slotsOf(doctor)).hasSize(1);
    }

    private Api.Response publish(Person doctor, String key, Map<String, Object> body) {
        return api.post("/api/doctors/me/slots").token(doctor.accessToken()).header("Idempotency-Key", key).body(body).send();
    }

    /** What a lost answer leaves behind: the slots, and no record of the answer. */
    private void forgetIdempotencyRecords() {
        Set<String> keys = redis.keys("idem:*");
        assertThat(keys).isNotEmpty();
        redis.delete(keys);
    }

    private List<UUID> slotsOf(Person doctor) {
        return jdbc.sql("SELECT slot_id FROM slot_directory WHERE doctor_id = ?").param(doctor.id())
                .query(UUID.class).list();
    }
}
