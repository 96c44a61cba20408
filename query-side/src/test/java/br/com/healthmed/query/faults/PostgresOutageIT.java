package br.com.healthmed.query.faults;

import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.doctor.DoctorVerifiedEvent;
import br.com.healthmed.api.doctor.Specialty;
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
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import br.com.healthmed.query.support.StoreOwner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * While PostgreSQL (event store, tokens) is away, a read that waits for its own write answers 503
 * {@code store-unavailable} instead of hanging, plain reads from MongoDB go on, and the projections resume from their
 * tokens once it is back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = FaultyLinks.class)
class PostgresOutageIT {

    /** Hikari's connection timeout (2 s) plus a wide margin, far below the gateway's 30 s. */
    static final Duration BOUNDED = Duration.ofSeconds(10);

    @Autowired
    TestRestTemplate http;

    @Autowired
    EventStore eventStore;

    @Autowired
    @StoreOwner
    JdbcClient jdbc;

    @Autowired
    ProjectionPositions positions;

    @Value("${healthmed.privacy.master-key}")
    String masterKey;

    @AfterEach
    void postgresComesBack() {
        FaultyLinks.postgres.restore();
    }

    @Test
    void read_your_writes_answers_503_while_postgresql_is_away_and_projections_resume_from_their_tokens() {
        EventLog log = new EventLog(eventStore);
        TestEvents events = new TestEvents(new PersonKeys(jdbc, masterKey));
        DoctorId before = DoctorId.random();
        log.append("Doctor", before, events.doctorRegistered(before, "Dra. Sílvia Queiroz", Specialty.PEDIATRIA, "210.00"),
                new DoctorVerifiedEvent(before));
        long head = eventStore.createHeadToken().position().orElseThrow();
        await().atMost(Duration.ofSeconds(60)).until(() -> positions.caughtUpTo(head));

        FaultyLinks.postgres.cut();

        Instant asked = Instant.now();
        ResponseEntity<String> waiting = get("/api/doctors/" + before, Long.toString(head + 1));
        assertThat(Duration.between(asked, Instant.now())).isLessThan(BOUNDED);
        assertThat(waiting.getStatusCode().value()).as(waiting.getBody()).isEqualTo(503);
        assertThat(waiting.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
        assertThat(waiting.getBody()).contains("\"code\":\"store-unavailable\"");
        assertThat(get("/api/doctors/" + before, null).getStatusCode().value()).as("plain reads need only MongoDB")
                .isEqualTo(200);

        FaultyLinks.postgres.restore();

        // Pooled connections that died with the link fail once more before the pool replaces them: meanwhile a read
        // that waits for its write answers 503 with Retry-After, never a 500.
        DoctorId after = DoctorId.random();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                log.append("Doctor", after, events.doctorRegistered(after, "Dr. Hugo Teixeira", Specialty.PEDIATRIA, "230.00"),
                        new DoctorVerifiedEvent(after)));
        long headAfter = await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> eventStore.createHeadToken().position().orElseThrow(), position -> position > head);
        await().atMost(Duration.ofSeconds(60)).until(() -> positions.caughtUpTo(headAfter));
        List<Integer> answers = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            int status = get("/api/doctors/" + after, Long.toString(headAfter)).getStatusCode().value();
            answers.add(status);
            return status == 200;
        });
        assertThat(answers).as("answers once PostgreSQL is back").allMatch(status -> status == 200 || status == 503);
    }

    private ResponseEntity<String> get(String path, String consistencyToken) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(TestTokens.token(UUID.randomUUID(), Role.PATIENT));
        if (consistencyToken != null) {
            headers.set("X-Consistency-Token", consistencyToken);
        }
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }
}
