package br.com.healthmed.query.agenda;

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
import br.com.healthmed.query.support.IntegrationTest;
import br.com.healthmed.query.support.PersonKeys;
import br.com.healthmed.query.support.TestEvents;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import br.com.healthmed.query.support.StoreOwner;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The public agenda is served from Redis, and an event that changes it is never followed by the old answer. */
@IntegrationTest
class AgendaCacheIT {

    @Autowired
    TestRestTemplate http;

    @Autowired
    EventStore eventStore;

    @Autowired
    @StoreOwner
    JdbcClient jdbc;

    @Autowired
    AgendaCache cache;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    ProjectionPositions positions;

    @Value("${healthmed.privacy.master-key}")
    String masterKey;

    EventLog log;
    DoctorId doctor = DoctorId.random();
    SlotId kept = SlotId.random();
    SlotId removed = SlotId.random();

    @BeforeEach
    void aVerifiedDoctorWithTwoSlots() throws InterruptedException {
        log = new EventLog(eventStore);
        TestEvents events = new TestEvents(new PersonKeys(jdbc, masterKey));
        Instant start = Instant.now().plus(4, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        log.append("Doctor", doctor, events.doctorRegistered(doctor, "Dr. Caio Menezes", Specialty.PEDIATRIA, "150.00"),
                new DoctorVerifiedEvent(doctor), TestEvents.slot(doctor, kept, start),
                TestEvents.slot(doctor, removed, start.plus(1, ChronoUnit.HOURS)));
        awaitCaughtUp();
    }

    private String agenda() {
        return http.getForObject("/api/doctors/" + doctor + "/agenda", String.class);
    }

    @Test
    void the_first_read_fills_the_cache_and_the_next_change_is_seen_at_once() throws InterruptedException {
        assertThat(cache.currentKey(doctor.toString())).isEmpty();
        assertThat(agenda()).contains(kept.toString(), removed.toString(), "150.00");
        assertThat(cache.currentKey(doctor.toString())).isPresent();
        assertThat(agenda()).as("served from the cache").contains(removed.toString());

        log.appendAs("Doctor", doctor, Instant.now(), doctor.value(), Role.DOCTOR, new SlotRemovedEvent(doctor, removed));
        log.appendAs("Doctor", doctor, Instant.now(), doctor.value(), Role.DOCTOR,
                new ConsultationPriceChangedEvent(doctor, Money.brl("175.00")));
        awaitCaughtUp();

        String after = agenda();
        assertThat(after).contains(kept.toString(), "175.00").doesNotContain(removed.toString(), "150.00");
    }

    @Test
    void hundreds_of_slots_stored_at_once_are_projected_in_batches_and_all_offered() throws InterruptedException {
        Instant first = Instant.now().plus(5, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        List<Object> pattern = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            pattern.add(TestEvents.slot(doctor, SlotId.random(), first.plus(30L * i, ChronoUnit.MINUTES)));
        }
        long versionBefore = version();

        log.appendTogether("Doctor", doctor, pattern);
        awaitCaughtUp();

        assertThat(agenda().split("\"slotId\"", -1).length - 1).isEqualTo(302);
        assertThat(version() - versionBefore)
                .as("one announcement per batch of up to 100 events, not one per event")
                .isPositive().isLessThan(300);
    }

    private long version() {
        String version = redis.opsForValue().get("agenda:version:" + doctor);
        return version == null ? 0 : Long.parseLong(version);
    }

    private void awaitCaughtUp() throws InterruptedException {
        long head = eventStore.createHeadToken().position().orElseThrow();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!positions.caughtUpTo(head)) {
            assertThat(System.nanoTime()).as("projections caught up within 20 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
