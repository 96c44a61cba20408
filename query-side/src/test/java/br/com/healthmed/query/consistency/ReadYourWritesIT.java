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
import org.junit.jupiter.api.BeforeEach;
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

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A read that carries the command's consistency token sees that command's effect — every time. */
@IntegrationTest
class ReadYourWritesIT {

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

    EventLog log;
    DoctorId doctor = DoctorId.random();

    @BeforeEach
    void aVerifiedDoctor() {
        log = new EventLog(eventStore);
        TestEvents events = new TestEvents(new PersonKeys(jdbc, masterKey));
        log.appendAs("Doctor", doctor.value(), Instant.now(), doctor.value(), Role.DOCTOR,
                events.doctorRegistered(doctor, "Dra. Helena Prado", Specialty.DERMATOLOGIA, "280.00"));
        log.appendAs("Doctor", doctor.value(), Instant.now(), doctor.value(), Role.ADMIN, new DoctorVerifiedEvent(doctor));
    }

    /** What the command side answers in X-Consistency-Token: the head of the stream once the command committed. */
    private long consistencyToken() {
        return eventStore.createHeadToken().position().orElseThrow();
    }

    private ResponseEntity<String> agenda(String token) {
        HttpHeaders headers = new HttpHeaders();
        if (token != null) {
            headers.set(ReadYourWrites.HEADER, token);
        }
        return http.exchange("/api/doctors/" + doctor + "/agenda", HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    @Test
    void a_slot_just_published_is_in_the_agenda_read_with_the_token_a_hundred_times_out_of_a_hundred() {
        Instant first = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        for (int i = 0; i < 100; i++) {
            SlotId slot = SlotId.random();
            log.appendAs("Doctor", doctor.value(), Instant.now(), doctor.value(), Role.DOCTOR,
                    TestEvents.slot(doctor, slot, first.plus(30L * i, ChronoUnit.MINUTES)));

            ResponseEntity<String> response = agenda(Long.toString(consistencyToken()));

            assertThat(response.getStatusCode().value()).as("read %d", i).isEqualTo(200);
            assertThat(response.getBody()).as("read %d", i).contains(slot.toString());
        }
    }

    @Test
    void a_token_the_projections_cannot_reach_in_time_is_answered_503_with_retry_after() {
        Projections.withAgendaStopped(processing, () -> {
            log.appendAs("Doctor", doctor.value(), Instant.now(), doctor.value(), Role.DOCTOR,
                    TestEvents.slot(doctor, SlotId.random(), Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS)));
            ResponseEntity<String> response = agenda(Long.toString(consistencyToken()));
            assertThat(response.getStatusCode().value()).isEqualTo(503);
            assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
            assertThat(response.getBody()).contains("\"code\":\"projections-behind\"");
        });
    }

    /** Until issue 9, any number held the request for the whole wait and answered 503: a lever to tie up threads. */
    @Test
    void a_token_beyond_the_head_of_the_stream_is_refused_at_once() {
        for (String token : List.of(Long.toString(consistencyToken() + 1_000_000), Long.toString(Long.MAX_VALUE))) {
            ResponseEntity<String> response = agenda(token);
            assertThat(response.getStatusCode().value()).as(token).isEqualTo(400);
            assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
            assertThat(response.getBody()).contains("\"code\":\"consistency-token-ahead\"");
        }
    }

    @Test
    void the_header_is_ignored_where_no_command_changes_what_is_read() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(ReadYourWrites.HEADER, Long.toString(Long.MAX_VALUE));
        ResponseEntity<String> response = http.exchange("/api/specialties", HttpMethod.GET, new HttpEntity<>(headers), String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void a_malformed_token_is_a_400_and_a_read_without_token_is_served_as_is() {
        ResponseEntity<String> malformed = agenda("yesterday");
        assertThat(malformed.getStatusCode().value()).isEqualTo(400);
        assertThat(malformed.getBody()).contains("\"code\":\"consistency-token-invalid\"");
        assertThat(agenda(Long.toString(consistencyToken())).getStatusCode().value()).isEqualTo(200);
        assertThat(agenda(null).getStatusCode().value()).isEqualTo(200);
    }
}
