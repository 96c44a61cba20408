package br.com.healthmed.query.faults;

import br.com.healthmed.api.common.Money;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.doctor.ConsultationPriceChangedEvent;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.doctor.DoctorVerifiedEvent;
import br.com.healthmed.api.doctor.Specialty;
import br.com.healthmed.api.schedule.SlotId;
import br.com.healthmed.api.schedule.SlotRemovedEvent;
import br.com.healthmed.query.consistency.ProjectionPositions;
import br.com.healthmed.query.support.EventLog;
import br.com.healthmed.query.support.PersonKeys;
import br.com.healthmed.query.support.TestEvents;
import com.jayway.jsonpath.JsonPath;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.ResponseEntity;
import br.com.healthmed.query.support.StoreOwner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis stopped or hanging costs the query side only its agenda and search caches: agendas and searches are answered
 * from MongoDB with the current data, projections keep moving, and once Redis is back nothing cached before the outage
 * is served again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = FaultyLinks.class)
class RedisOutageIT {

    @Autowired
    TestRestTemplate http;

    @Autowired
    EventStore eventStore;

    @Autowired
    @StoreOwner
    JdbcClient jdbc;

    @Autowired
    ProjectionPositions positions;

    @Autowired
    @StoreOwner
    StringRedisTemplate redis;

    @Value("${healthmed.privacy.master-key}")
    String masterKey;

    EventLog log;
    DoctorId doctor = DoctorId.random();
    SlotId kept = SlotId.random();
    SlotId removed = SlotId.random();
    Instant start = Instant.now().plus(4, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);

    @BeforeEach
    void aVerifiedDoctorWhoseAgendaIsCached() {
        log = new EventLog(eventStore);
        TestEvents events = new TestEvents(new PersonKeys(jdbc, masterKey));
        log.append("Doctor", doctor, events.doctorRegistered(doctor, "Dra. Helena Prates", Specialty.CARDIOLOGIA, "300.00"),
                new DoctorVerifiedEvent(doctor), TestEvents.slot(doctor, kept, start),
                TestEvents.slot(doctor, removed, start.plus(1, ChronoUnit.HOURS)));
        awaitCaughtUp();
        // Right after an earlier test's outage the cache may still be bypassed for a few seconds.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(slotsOffered()).containsExactlyInAnyOrder(kept.toString(), removed.toString());
            assertThat(redis.keys("agenda:*:" + doctor + ":*")).as("the agenda is cached").isNotEmpty();
        });
    }

    @AfterEach
    void redisComesBack() {
        FaultyLinks.redis.restore();
    }

    @Test
    void with_redis_stopped_projections_advance_and_agendas_answer_the_current_data_then_recover_without_stale_entries() {
        Set<String> cachedBefore = redis.keys("agenda:*:" + doctor + ":*");
        FaultyLinks.redis.cut();

        SlotId added = SlotId.random();
        log.appendAs("Doctor", doctor, Instant.now(), doctor.value(), Role.DOCTOR, new SlotRemovedEvent(doctor, removed));
        log.append("Doctor", doctor, TestEvents.slot(doctor, added, start.plus(2, ChronoUnit.HOURS)));
        awaitCaughtUp();

        assertThat(slotsOffered()).as("from MongoDB while Redis is down").containsExactlyInAnyOrder(kept.toString(), added.toString());

        FaultyLinks.redis.restore();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(slotsOffered()).containsExactlyInAnyOrder(kept.toString(), added.toString());
            assertThat(redis.keys("agenda:*:" + doctor + ":*")).as("cached again, under a new key")
                    .hasSizeGreaterThan(cachedBefore.size());
        });
        assertThat(cachedBefore).allSatisfy(key -> assertThat(redis.hasKey(key)).as("the entry from before the outage is still in Redis").isTrue());
        for (int read = 0; read < 3; read++) {
            assertThat(slotsOffered()).as("never the agenda cached before the outage")
                    .containsExactlyInAnyOrder(kept.toString(), added.toString());
        }
    }

    @Test
    void with_redis_stopped_searches_answer_from_mongodb_and_afterwards_never_the_page_cached_before() {
        String search = "/api/doctors?specialty=CARDIOLOGIA&size=100";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(priceFound(search)).isEqualTo(300.00);
            assertThat(redis.keys("search:answer:*")).as("the search is cached").isNotEmpty();
        });
        FaultyLinks.redis.cut();

        log.appendAs("Doctor", doctor, Instant.now(), doctor.value(), Role.DOCTOR,
                new ConsultationPriceChangedEvent(doctor, Money.brl("340.00")));
        awaitCaughtUp();
        for (int read = 0; read < 3; read++) {
            assertThat(priceFound(search)).as("200 from MongoDB while Redis is down").isEqualTo(340.00);
        }

        FaultyLinks.redis.restore();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(priceFound(search)).isEqualTo(340.00);
            assertThat(redis.keys("search:answer:*")).as("cached again, under a new key")
                    .anySatisfy(key -> assertThat(redis.opsForValue().get(key)).contains("\"amount\":340.00"));
        });
        for (int read = 0; read < 3; read++) {
            assertThat(priceFound(search)).as("never the page cached before the outage").isEqualTo(340.00);
        }
    }

    /** The doctor's price in a search, which must answer 200. */
    private double priceFound(String search) {
        ResponseEntity<String> answer = http.getForEntity(search, String.class);
        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        List<Double> prices = JsonPath.read(answer.getBody(), "$.content[?(@.id == '" + doctor + "')].price.amount");
        assertThat(prices).hasSize(1);
        return prices.getFirst();
    }

    @Test
    void with_redis_hanging_agendas_still_answer_and_projections_still_advance() {
        FaultyLinks.redis.hang();

        SlotId added = SlotId.random();
        log.append("Doctor", doctor, TestEvents.slot(doctor, added, start.plus(3, ChronoUnit.HOURS)));
        awaitCaughtUp();
        for (int read = 0; read < 5; read++) {
            assertThat(slotsOffered()).containsExactlyInAnyOrder(kept.toString(), removed.toString(), added.toString());
        }

        FaultyLinks.redis.restore();
        log.appendAs("Doctor", doctor, Instant.now(), doctor.value(), Role.DOCTOR, new SlotRemovedEvent(doctor, added));
        awaitCaughtUp();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(slotsOffered()).containsExactlyInAnyOrder(kept.toString(), removed.toString()));
    }

    private List<String> slotsOffered() {
        ResponseEntity<AgendaAnswer> answer = http.getForEntity("/api/doctors/" + doctor + "/agenda?from=" + start.minus(1, ChronoUnit.HOURS)
                + "&to=" + start.plus(1, ChronoUnit.DAYS), AgendaAnswer.class);
        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        return answer.getBody().slots().stream().map(Slot::slotId).toList();
    }

    record Slot(String slotId) {
    }

    record AgendaAnswer(List<Slot> slots) {
    }

    private void awaitCaughtUp() {
        long head = eventStore.createHeadToken().position().orElseThrow();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> positions.caughtUpTo(head));
    }
}
