package br.com.healthmed.query.faults;

import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.doctor.DoctorVerifiedEvent;
import br.com.healthmed.api.doctor.Specialty;
import br.com.healthmed.api.schedule.SlotId;
import br.com.healthmed.api.schedule.SlotRemovedEvent;
import br.com.healthmed.query.consistency.ProjectionPositions;
import br.com.healthmed.query.support.EventLog;
import br.com.healthmed.query.support.PersonKeys;
import br.com.healthmed.query.support.TestEvents;
import br.com.healthmed.query.support.TestTokens;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import br.com.healthmed.query.support.StoreOwner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * While MongoDB is away, queries answer 503 {@code store-unavailable} with Retry-After and readiness is DOWN; the
 * projections stop where they are and, once MongoDB is back, go on from there: every event applied, none twice.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = FaultyLinks.class)
class MongoOutageIT {

    /** Server selection gives up after 2 s; a wide margin on top, still far below the gateway's 30 s. */
    static final Duration BOUNDED = Duration.ofSeconds(10);
    /** healthmed.mongo.timeouts.server-selection: what a query waits for a server the driver has lost. */
    static final Duration SERVER_SELECTION = Duration.ofSeconds(2);

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
    MongoTemplate mongo;

    @Autowired
    MongoReachability reachability;

    @Value("${healthmed.privacy.master-key}")
    String masterKey;

    @AfterEach
    void mongoComesBack() {
        FaultyLinks.mongo.restore();
    }

    @Test
    void queries_answer_503_and_readiness_is_down_while_mongodb_is_away_and_projections_resume_exactly_once() {
        DoctorId doctor = DoctorId.random();
        SlotId removed = SlotId.random();
        Instant start = Instant.now().plus(6, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        EventLog log = new EventLog(eventStore);
        log.append("Doctor", doctor, new TestEvents(new PersonKeys(jdbc, masterKey))
                        .doctorRegistered(doctor, "Dr. Renato Albuquerque", Specialty.DERMATOLOGIA, "280.00"),
                new DoctorVerifiedEvent(doctor), TestEvents.slot(doctor, removed, start));
        awaitCaughtUp();
        assertThat(get("/api/doctors/" + doctor).getStatusCode().value()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness").getStatusCode().value()).isEqualTo(200);

        FaultyLinks.mongo.cut();

        Instant asked = Instant.now();
        ResponseEntity<String> search = get("/api/doctors?specialty=DERMATOLOGIA");
        assertThat(Duration.between(asked, Instant.now())).isLessThan(BOUNDED);
        assertThat(search.getStatusCode().value()).as(search.getBody()).isEqualTo(503);
        assertThat(search.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(search.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
        assertThat(search.getBody()).contains("\"code\":\"store-unavailable\"");
        assertThat(get("/api/doctors/" + doctor).getStatusCode().value()).isEqualTo(503);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(get("/actuator/health/readiness").getStatusCode().value()).isEqualTo(503));
        assertThat(get("/actuator/health/liveness").getStatusCode().value()).as("a restart would not help").isEqualTo(200);

        List<SlotId> published = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            SlotId slot = SlotId.random();
            published.add(slot);
            log.append("Doctor", doctor, TestEvents.slot(doctor, slot, start.plus(i, ChronoUnit.HOURS)));
        }
        log.appendAs("Doctor", doctor, Instant.now(), doctor.value(), Role.DOCTOR, new SlotRemovedEvent(doctor, removed));
        long head = eventStore.createHeadToken().position().orElseThrow();

        FaultyLinks.mongo.restore();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(get("/actuator/health/readiness").getStatusCode().value()).isEqualTo(200));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() -> positions.caughtUpTo(head));
        List<String> slotIds = mongo.find(Query.query(Criteria.where("doctorId").is(doctor.toString())), org.bson.Document.class, "slots")
                .stream().map(document -> document.getString("_id")).toList();
        assertThat(slotIds).as("every slot published during the outage, the removed one gone, none twice")
                .containsExactlyInAnyOrderElementsOf(published.stream().map(SlotId::toString).toList());
        assertThat(get("/api/doctors/" + doctor).getStatusCode().value()).isEqualTo(200);
    }

    /**
     * A hung MongoDB (connections open, nothing answered) would hold each query for the server-selection timeout (2 s
     * here) or, on a connection it hung on, for the read timeout (10 s); once the driver's monitor has missed it for 2
     * s, queries are refused at once and readiness is DOWN.
     */
    @Test
    void a_hung_mongodb_is_refused_at_once_once_the_driver_has_lost_it_and_answers_again_when_it_resumes() {
        DoctorId doctor = DoctorId.random();
        EventLog log = new EventLog(eventStore);
        log.append("Doctor", doctor, new TestEvents(new PersonKeys(jdbc, masterKey))
                .doctorRegistered(doctor, "Dra. Helena Prado", Specialty.PEDIATRIA, "230.00"), new DoctorVerifiedEvent(doctor));
        awaitCaughtUp();
        assertThat(get("/api/doctors/" + doctor).getStatusCode().value()).isEqualTo(200);

        FaultyLinks.mongo.hang();

        await().atMost(Duration.ofSeconds(30)).until(reachability::unreachable);
        Instant asked = Instant.now();
        ResponseEntity<String> profile = get("/api/doctors/" + doctor);
        assertThat(Duration.between(asked, Instant.now())).as("refused, not left to wait for server selection")
                .isLessThan(SERVER_SELECTION);
        assertThat(profile.getStatusCode().value()).as(profile.getBody()).isEqualTo(503);
        assertThat(profile.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
        assertThat(profile.getBody()).contains("\"code\":\"store-unavailable\"");
        assertThat(get("/actuator/health/readiness").getStatusCode().value()).isEqualTo(503);

        FaultyLinks.mongo.restore();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(get("/api/doctors/" + doctor).getStatusCode().value()).isEqualTo(200));
        assertThat(get("/actuator/health/readiness").getStatusCode().value()).isEqualTo(200);
    }

    private ResponseEntity<String> get(String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(TestTokens.token(UUID.randomUUID(), Role.PATIENT));
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    private void awaitCaughtUp() {
        long head = eventStore.createHeadToken().position().orElseThrow();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> positions.caughtUpTo(head));
    }
}
