package br.com.healthmed.query.consistency;

import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.doctor.DoctorVerifiedEvent;
import br.com.healthmed.api.doctor.Specialty;
import br.com.healthmed.api.schedule.SlotId;
import br.com.healthmed.query.support.EventLog;
import br.com.healthmed.query.support.IntegrationTest;
import br.com.healthmed.query.support.PersonKeys;
import br.com.healthmed.query.support.TestEvents;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import br.com.healthmed.query.support.StoreOwner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Waiting for the projections takes a request thread, so only a bounded number of reads may wait at once. */
@IntegrationTest
@TestPropertySource(properties = {"healthmed.consistency.max-waiters=1", "healthmed.consistency.max-wait=PT20S"})
class ReadYourWritesWaitersIT {

    @Autowired
    TestRestTemplate http;
    @Autowired
    EventStore eventStore;
    @Autowired
    @StoreOwner
    JdbcClient jdbc;
    @Autowired
    EventProcessingConfiguration processing;
    @Value("${healthmed.privacy.master-key}")
    String masterKey;

    @Test
    void beyond_the_waiting_places_a_read_is_answered_503_at_once_while_the_waiting_one_is_served() {
        DoctorId doctor = DoctorId.random();
        EventLog log = new EventLog(eventStore);
        log.append("Doctor", doctor.value(), new TestEvents(new PersonKeys(jdbc, masterKey))
                .doctorRegistered(doctor, "Dra. Espera Longa", Specialty.DERMATOLOGIA, "280.00"), new DoctorVerifiedEvent(doctor));
        String path = "/api/doctors/" + doctor + "/agenda";

        AtomicReference<CompletableFuture<ResponseEntity<String>>> waiting = new AtomicReference<>();
        Projections.withAgendaStopped(processing, () -> {
            log.appendAs("Doctor", doctor.value(), Instant.now(), doctor.value(), Role.DOCTOR,
                    TestEvents.slot(doctor, SlotId.random(), Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS)));
            String token = Long.toString(eventStore.createHeadToken().position().orElseThrow());
            waiting.set(CompletableFuture.supplyAsync(() -> read(path, token)));

            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                ResponseEntity<String> refused = read(path, token);
                assertThat(refused.getStatusCode().value()).isEqualTo(503);
                assertThat(refused.getBody()).contains("\"code\":\"consistency-wait-busy\"");
                assertThat(refused.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
            });
            assertThat(waiting.get()).isNotDone();
        });
        assertThat(waiting.get().join().getStatusCode().value()).isEqualTo(200);
    }

    private ResponseEntity<String> read(String path, String token) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(ReadYourWrites.HEADER, token);
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }
}
