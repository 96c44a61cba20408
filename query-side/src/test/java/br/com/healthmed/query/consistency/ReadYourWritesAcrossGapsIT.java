package br.com.healthmed.query.consistency;

import br.com.healthmed.api.common.AuditMetadata;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.doctor.DoctorVerifiedEvent;
import br.com.healthmed.api.doctor.Specialty;
import br.com.healthmed.api.schedule.SlotId;
import br.com.healthmed.query.support.EventLog;
import br.com.healthmed.query.support.IntegrationTest;
import br.com.healthmed.query.support.PersonKeys;
import br.com.healthmed.query.support.StoreOwner;
import br.com.healthmed.query.support.TestEvents;
import org.axonframework.eventhandling.GenericDomainEventMessage;
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
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 8's defect (ADR 0028): an append that fails leaves its global index empty for good, and every tracking token
 * keeps it as a gap until Axon's gap cleaning; a read with a later consistency token must not wait for it. An append
 * still in flight leaves the same gap, and may still commit: that one must hold the read.
 */
@IntegrationTest
class ReadYourWritesAcrossGapsIT {

    @Autowired
    TestRestTemplate http;

    @Autowired
    EventStore eventStore;

    @Autowired
    @StoreOwner
    JdbcClient jdbc;

    /** The owner's account, as the command side appends: the query side's own role may not write the event store. */
    @Value("${spring.datasource.url}")
    String databaseUrl;

    @Value("${healthmed.privacy.master-key}")
    String masterKey;

    EventLog log;
    DoctorId doctor = DoctorId.random();
    Instant firstSlot = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);

    @BeforeEach
    void aVerifiedDoctor() {
        log = new EventLog(eventStore);
        TestEvents events = new TestEvents(new PersonKeys(jdbc, masterKey));
        log.appendAs("Doctor", doctor.value(), Instant.now(), doctor.value(), Role.DOCTOR,
                events.doctorRegistered(doctor, "Dra. Helena Prado", Specialty.DERMATOLOGIA, "280.00"));
        log.appendAs("Doctor", doctor.value(), Instant.now(), doctor.value(), Role.ADMIN, new DoctorVerifiedEvent(doctor));
    }

    @Test
    void a_read_with_the_token_is_answered_although_a_failed_append_left_a_gap_below_it() {
        long before = head();
        // The doctor's first event again: a concurrent modification, refused by the store's unique constraint after
        // the row took its global index — what a failed command leaves behind.
        assertThatThrownBy(() -> eventStore.publish(new GenericDomainEventMessage<>("Doctor", doctor.value().toString(), 0L,
                new DoctorVerifiedEvent(doctor), Map.of(AuditMetadata.USER_ID, AuditMetadata.SYSTEM_USER),
                UUID.randomUUID().toString(), Instant.now()))).isInstanceOf(RuntimeException.class);
        SlotId slot = SlotId.random();
        log.appendAs("Doctor", doctor.value(), Instant.now(), doctor.value(), Role.DOCTOR, TestEvents.slot(doctor, slot, firstSlot));
        long token = head();
        assertThat(token).as("the failed append took an index").isGreaterThan(before + 1);
        assertThat(stored(before + 1)).as("and left it empty").isFalse();

        ResponseEntity<String> read = agenda(token);

        assertThat(read.getStatusCode().value()).isEqualTo(200);
        assertThat(read.getBody()).contains(slot.toString());
    }

    @Test
    void a_gap_whose_append_may_still_commit_holds_the_read_until_that_append_ends() throws Exception {
        long before = head();
        SlotId slot = SlotId.random();
        long token;
        try (Connection inFlight = DriverManager.getConnection(databaseUrl, "postgres", "postgres")) {
            inFlight.setAutoCommit(false);
            appendWithoutCommitting(inFlight);
            log.appendAs("Doctor", doctor.value(), Instant.now(), doctor.value(), Role.DOCTOR, TestEvents.slot(doctor, slot, firstSlot));
            token = head();
            assertThat(stored(before + 1)).as("the open append's index is a gap").isFalse();
            assertThat(token).isGreaterThan(before + 1);

            ResponseEntity<String> whileOpen = agenda(token);

            assertThat(whileOpen.getStatusCode().value()).isEqualTo(503);
            assertThat(whileOpen.getBody()).contains("\"code\":\"projections-behind\"");
            inFlight.rollback();
        }

        ResponseEntity<String> afterRollback = agenda(token);

        assertThat(afterRollback.getStatusCode().value()).isEqualTo(200);
        assertThat(afterRollback.getBody()).contains(slot.toString());
    }

    /** An INSERT as Axon's JDBC engine makes it, on a stream of its own; the index it takes stays empty until it ends. */
    private static void appendWithoutCommitting(Connection connection) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO domain_event_entry (event_identifier,"
                + " payload, payload_type, time_stamp, aggregate_identifier, sequence_number, type)"
                + " VALUES (?, ?, ?, ?, ?, 0, 'Doctor')")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setBytes(2, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            insert.setString(3, "healthmed.test.InFlight");
            insert.setString(4, Instant.now().toString());
            insert.setString(5, UUID.randomUUID().toString());
            insert.executeUpdate();
        }
    }

    private long head() {
        return eventStore.createHeadToken().position().orElseThrow();
    }

    private boolean stored(long globalIndex) {
        return jdbc.sql("SELECT count(*) FROM domain_event_entry WHERE global_index = ?").param(globalIndex)
                .query(Long.class).single() > 0;
    }

    private ResponseEntity<String> agenda(long token) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(ReadYourWrites.HEADER, Long.toString(token));
        return http.exchange("/api/doctors/" + doctor + "/agenda", HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }
}
