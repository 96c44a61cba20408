package br.com.healthmed.query.doctor;

import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.common.Money;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.doctor.ConsultationPriceChangedEvent;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.doctor.DoctorProfileUpdatedEvent;
import br.com.healthmed.api.doctor.DoctorVerificationRevokedEvent;
import br.com.healthmed.api.doctor.DoctorVerifiedEvent;
import br.com.healthmed.api.doctor.Specialty;
import br.com.healthmed.api.schedule.SlotHeldEvent;
import br.com.healthmed.api.schedule.SlotId;
import br.com.healthmed.query.consistency.ProjectionPositions;
import br.com.healthmed.query.support.EventLog;
import br.com.healthmed.query.support.IntegrationTest;
import br.com.healthmed.query.support.PersonKeys;
import br.com.healthmed.query.support.StoreOwner;
import br.com.healthmed.query.support.TestEvents;
import br.com.healthmed.query.support.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Doctor search is served from the Redis search cache (ADR 0035): the same answer as MongoDB gives, and never the page
 * from before a change once the projection has handled it.
 */
@IntegrationTest
// A context of its own, whose refresher does not run again during the tests: they count cache hits, and doctors of
// other classes whose next free slot time moves would bump the generations these searches are filed under.
@TestPropertySource(properties = "healthmed.doctors.availability-refresh=PT1H")
class SearchCacheIT {

    @Autowired
    TestRestTemplate http;
    @Autowired
    EventStore eventStore;
    @Autowired
    @StoreOwner
    JdbcClient jdbc;
    @Autowired
    @StoreOwner
    StringRedisTemplate owner;
    @Autowired
    ProjectionPositions positions;
    @Autowired
    MeterRegistry meters;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    SearchCache cache;

    @Value("${healthmed.privacy.master-key}")
    String masterKey;

    private EventLog log;
    private TestEvents events;
    private PersonKeys keys;
    /** A surname of this test's own, so that its searches find only its doctors in the context's shared views. */
    private final String surname = "Quixabeira" + UUID.randomUUID().toString().replaceAll("[^a-f]", "").substring(0, 6);
    private final Instant tomorrow = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);

    @BeforeEach
    void setUp() {
        log = new EventLog(eventStore);
        keys = new PersonKeys(jdbc, masterKey);
        events = new TestEvents(keys);
    }

    private DoctorId verifiedDoctor(String firstName, Specialty specialty, String price, SlotId slot, Instant start) {
        DoctorId doctor = DoctorId.random();
        log.append("Doctor", doctor, events.doctorRegistered(doctor, firstName + " " + surname, specialty, price),
                new DoctorVerifiedEvent(doctor));
        if (slot != null) {
            log.append("Doctor", doctor, TestEvents.slot(doctor, slot, start));
        }
        return doctor;
    }

    @Test
    void a_repeated_search_is_answered_from_redis_with_exactly_what_mongodb_answers() {
        verifiedDoctor("Ana", Specialty.GERIATRIA, "200.00", SlotId.random(), tomorrow.plus(Duration.ofHours(3)));
        verifiedDoctor("Bruno", Specialty.GERIATRIA, "320.00", SlotId.random(), tomorrow.plus(Duration.ofHours(1)));
        verifiedDoctor("Célia", Specialty.GERIATRIA, "150.00", null, null);
        verifiedDoctor("Dario", Specialty.NEUROLOGIA, "250.00", SlotId.random(), tomorrow);
        awaitCaughtUp();

        for (String query : List.of("specialty=GERIATRIA&name=" + surname, "name=" + surname,
                "name=" + surname.toUpperCase() + "&size=2", "name=" + surname + "&size=2&page=1",
                "specialty=geriatria&name=" + surname + "&maxPrice=250.00", "name=" + surname + "&size=1&withTotal=true",
                "name=célia " + surname, "specialty=PEDIATRIA&name=" + surname)) {
            double hitsBefore = hits();
            String first = search(query);
            String second = search(query);
            String withToken = search(query, TestTokens.token(UUID.randomUUID(), Role.PATIENT));
            assertThat(hits() - hitsBefore).as(query + ": the second read and the authenticated one from Redis")
                    .isEqualTo(2.0);
            String fromMongoDb = readYourWrites(query);
            assertThat(first).as(query).contains("\"content\"").isEqualTo(second).isEqualTo(withToken).isEqualTo(fromMongoDb);
        }
        assertThat(search("name=" + surname)).contains("Bruno", "Ana", "Célia", "Dario");
        assertThat(search("specialty=GERIATRIA&name=" + surname)).doesNotContain("Dario");
        assertThat(owner.keys(SearchCache.ANSWER + "*")).as("pages are filed in Redis under search:answer:").isNotEmpty()
                .allSatisfy(key -> assertThat(owner.getExpire(key)).as("every page expires").isPositive());
    }

    @Test
    void every_change_a_search_shows_is_seen_by_the_next_search_once_the_projection_has_handled_it() {
        SlotId annaSlot = SlotId.random();
        SlotId brunoSlot = SlotId.random();
        DoctorId ana = verifiedDoctor("Ana", Specialty.GERIATRIA, "200.00", annaSlot, tomorrow.plus(Duration.ofHours(2)));
        DoctorId bruno = verifiedDoctor("Bruno", Specialty.GERIATRIA, "300.00", brunoSlot, tomorrow.plus(Duration.ofHours(5)));
        awaitCaughtUp();
        String query = "specialty=GERIATRIA&name=" + surname;
        assertThat(cachedAnswer(query)).containsSubsequence("Ana", "Bruno").contains("200.00");

        log.appendAs("Doctor", ana, Instant.now(), ana.value(), Role.DOCTOR,
                new ConsultationPriceChangedEvent(ana, Money.brl("260.00")));
        awaitCaughtUp();
        assertThat(search(query)).as("a new price").contains("260.00").doesNotContain("200.00");

        assertThat(cachedAnswer(query)).contains("Bruno " + surname);
        log.appendAs("Doctor", bruno, Instant.now(), bruno.value(), Role.DOCTOR, new DoctorProfileUpdatedEvent(bruno,
                keys.seal(bruno.value(), "Bruno Renato " + surname), keys.seal(bruno.value(), "bruno@medicos.test"),
                Specialty.GERIATRIA, "America/Sao_Paulo"));
        awaitCaughtUp();
        assertThat(search(query)).as("a new name").contains("Bruno Renato " + surname);

        assertThat(cachedAnswer(query)).containsSubsequence("Ana", "Bruno");
        SlotId earlier = SlotId.random();
        log.append("Doctor", bruno, TestEvents.slot(bruno, earlier, tomorrow.plus(Duration.ofHours(1))));
        awaitCaughtUp();
        assertThat(search(query)).as("an earlier free slot puts Bruno first").containsSubsequence("Bruno", "Ana");

        assertThat(cachedAnswer(query)).containsSubsequence("Bruno", "Ana");
        log.append("Doctor", bruno, new SlotHeldEvent(bruno, earlier, AppointmentId.random()));
        awaitCaughtUp();
        assertThat(search(query)).as("that slot booked: Ana is first again").containsSubsequence("Ana", "Bruno");

        assertThat(cachedAnswer(query)).contains("Ana");
        log.append("Doctor", ana, new DoctorVerificationRevokedEvent(ana, keys.seal(ana.value(), "Registro suspenso")));
        awaitCaughtUp();
        assertThat(search(query)).as("an unlisted doctor").doesNotContain("Ana ").contains("Bruno");

        assertThat(cachedAnswer(query)).doesNotContain("Carla");
        verifiedDoctor("Carla", Specialty.GERIATRIA, "100.00", SlotId.random(), tomorrow);
        awaitCaughtUp();
        assertThat(search(query)).as("a newly listed doctor").containsSubsequence("Carla", "Bruno");
        assertThat(cache.bypassed()).isFalse();
    }

    @Test
    void a_read_your_writes_search_reaches_mongodb_even_when_the_cache_was_never_told() {
        DoctorId doctor = verifiedDoctor("Ana", Specialty.GERIATRIA, "200.00", SlotId.random(), tomorrow);
        awaitCaughtUp();
        String query = "name=" + surname;
        assertThat(cachedAnswer(query)).contains("200.00");

        // A change the cache never hears of: what a lost invalidation would leave behind.
        mongo.updateFirst(Query.query(Criteria.where("_id").is(doctor.toString())), Update.update("priceCents", 21_000L),
                DoctorDocument.class);

        assertThat(search(query)).as("served from Redis until the TTL").contains("200.00");
        assertThat(readYourWrites(query)).as("read-your-writes bypasses the cache").contains("210.00")
                .doesNotContain("200.00");
    }

    /** The answer, after checking that the cache holds it (the second read of two is a hit). */
    private String cachedAnswer(String query) {
        String first = search(query);
        double hitsBefore = hits();
        String second = search(query);
        assertThat(hits() - hitsBefore).as("answered from Redis").isEqualTo(1.0);
        assertThat(second).isEqualTo(first);
        return second;
    }

    private String search(String query) {
        ResponseEntity<String> answer = http.getForEntity("/api/doctors?" + query, String.class);
        assertThat(answer.getStatusCode().value()).as(query).isEqualTo(200);
        return answer.getBody();
    }

    private String search(String query, String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return exchange(query, headers);
    }

    /** With {@code X-Consistency-Token} at the head of the stream: waits for the projections, then reads MongoDB. */
    private String readYourWrites(String query) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("X-Consistency-Token", Long.toString(eventStore.createHeadToken().position().orElseThrow()));
        return exchange(query, headers);
    }

    private String exchange(String query, HttpHeaders headers) {
        ResponseEntity<String> answer = http.exchange("/api/doctors?" + query, HttpMethod.GET, new HttpEntity<>(headers),
                String.class);
        assertThat(answer.getStatusCode().value()).as(query).isEqualTo(200);
        return answer.getBody();
    }

    private double hits() {
        return meters.get("healthmed.search.cache").tag("outcome", "hit").counter().count();
    }

    private void awaitCaughtUp() {
        long head = eventStore.createHeadToken().position().orElseThrow();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!positions.caughtUpTo(head)) {
            assertThat(System.nanoTime()).as("projections caught up within 30 s").isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
