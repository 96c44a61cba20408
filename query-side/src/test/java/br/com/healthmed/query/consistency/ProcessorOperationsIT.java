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
import br.com.healthmed.query.support.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Operators see every projection's position and lag, and an ADMIN can rebuild one from the event stream. */
@IntegrationTest
class ProcessorOperationsIT {

    @Autowired
    TestRestTemplate http;

    @Autowired
    EventStore eventStore;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper json;

    @Autowired
    ProjectionPositions positions;

    @Value("${healthmed.privacy.master-key}")
    String masterKey;

    private ResponseEntity<String> call(HttpMethod method, String path, Role role) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(TestTokens.token(UUID.randomUUID(), role));
        return http.exchange(path, method, new HttpEntity<>(headers), String.class);
    }

    @Test
    void the_processors_endpoint_shows_position_lag_and_segments_to_admins_only() throws Exception {
        DoctorId doctor = DoctorId.random();
        new EventLog(eventStore).append("Doctor", doctor, new TestEvents(new PersonKeys(jdbc, masterKey))
                .doctorRegistered(doctor, "Dra. Lia Campos", Specialty.UROLOGIA, "220.00"));
        awaitCaughtUp();
        long head = eventStore.createHeadToken().position().orElseThrow();

        ResponseEntity<String> response = call(HttpMethod.GET, "/actuator/processors", Role.ADMIN);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        JsonNode report = json.readTree(response.getBody());
        assertThat(report.path("processors").findValuesAsText("name")).contains("doctors", "agenda", "appointments");
        assertThat(report.path("head").asLong()).isGreaterThanOrEqualTo(head);
        for (JsonNode processor : report.path("processors")) {
            assertThat(processor.path("storedSegments").asInt()).as(processor.toString()).isPositive();
            assertThat(processor.path("position").asLong()).as(processor.toString()).isGreaterThanOrEqualTo(head);
            assertThat(processor.path("lag").isNumber()).as(processor.toString()).isTrue();
            assertThat(processor.path("error").asBoolean()).as(processor.toString()).isFalse();
        }

        assertThat(call(HttpMethod.GET, "/actuator/processors", Role.PATIENT).getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void resetting_a_projection_rebuilds_exactly_the_same_views() throws Exception {
        DoctorId doctor = DoctorId.random();
        EventLog log = new EventLog(eventStore);
        TestEvents events = new TestEvents(new PersonKeys(jdbc, masterKey));
        log.appendAs("Doctor", doctor.value(), Instant.now(), doctor.value(), Role.DOCTOR,
                events.doctorRegistered(doctor, "Dr. Otávio Reis", Specialty.NEUROLOGIA, "410.00"));
        log.appendAs("Doctor", doctor.value(), Instant.now(), doctor.value(), Role.ADMIN, new DoctorVerifiedEvent(doctor));
        log.appendAs("Doctor", doctor.value(), Instant.now(), doctor.value(), Role.DOCTOR,
                TestEvents.slot(doctor, SlotId.random(), Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS)));
        awaitCaughtUp();
        String before = call(HttpMethod.GET, "/api/doctors?specialty=NEUROLOGIA", Role.PATIENT).getBody();
        String profileBefore = call(HttpMethod.GET, "/api/doctors/" + doctor, Role.PATIENT).getBody();
        assertThat(before).contains(doctor.toString());

        for (String processor : positions.processorNames()) {
            ResponseEntity<String> reset = call(HttpMethod.POST, "/api/admin/processors/" + processor + "/reset", Role.ADMIN);
            assertThat(reset.getStatusCode().value()).as(processor).isEqualTo(202);
        }
        awaitCaughtUp();

        assertThat(json.readTree(call(HttpMethod.GET, "/api/doctors?specialty=NEUROLOGIA", Role.PATIENT).getBody()))
                .isEqualTo(json.readTree(before));
        assertThat(json.readTree(call(HttpMethod.GET, "/api/doctors/" + doctor, Role.PATIENT).getBody()))
                .isEqualTo(json.readTree(profileBefore));
    }

    @Test
    void only_admins_reset_and_only_known_projections() {
        assertThat(call(HttpMethod.POST, "/api/admin/processors/doctors/reset", Role.AUDITOR).getStatusCode().value())
                .isEqualTo(403);
        ResponseEntity<String> unknown = call(HttpMethod.POST, "/api/admin/processors/nonsense/reset", Role.ADMIN);
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getBody()).contains("\"code\":\"processor-not-found\"");
    }

    private void awaitCaughtUp() throws InterruptedException {
        long head = eventStore.createHeadToken().position().orElseThrow();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!positions.caughtUpTo(head)) {
            assertThat(System.nanoTime()).as("projections caught up within 20 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
