package br.com.healthmed.query.consistency;

import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.doctor.DoctorVerifiedEvent;
import br.com.healthmed.api.doctor.Specialty;
import br.com.healthmed.api.schedule.SlotId;
import br.com.healthmed.api.schedule.SlotPublishedEvent;
import br.com.healthmed.query.support.EventLog;
import br.com.healthmed.query.support.IntegrationTest;
import br.com.healthmed.query.support.PersonKeys;
import br.com.healthmed.query.support.TestEvents;
import br.com.healthmed.query.support.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import br.com.healthmed.query.support.StoreOwner;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An event a projection cannot handle is parked with the rest of its sequence, the processor goes on with the others,
 * the gauge counts it, and an ADMIN lists, retries (once the cause is fixed) or evicts it.
 */
@IntegrationTest
@Import(DeadLettersIT.PoisonedSlots.class)
class DeadLettersIT {

    /** Joins the agenda projection and fails on the slots the test names, as a bug or a bad event would. */
    @ProcessingGroup("agenda")
    static class PoisonedSlots {

        final Set<String> poisoned = ConcurrentHashMap.newKeySet();

        @EventHandler
        void on(SlotPublishedEvent event) {
            if (poisoned.contains(event.slotId().toString())) {
                throw new IllegalStateException("cannot project slot " + event.slotId());
            }
        }
    }

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
    MeterRegistry meters;

    @Autowired
    ObjectMapper json;

    @Autowired
    PoisonedSlots poison;

    @Value("${healthmed.privacy.master-key}")
    String masterKey;

    EventLog log;
    TestEvents events;
    Instant start = Instant.now().plus(8, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);

    @BeforeEach
    void setUp() {
        log = new EventLog(eventStore);
        events = new TestEvents(new PersonKeys(jdbc, masterKey));
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters() == 0.0);
    }

    @Test
    void a_poison_event_parks_its_sequence_others_go_on_and_a_retry_after_the_fix_projects_it() throws Exception {
        DoctorId stuck = verifiedDoctor("Dr. Jonas Pires");
        DoctorId other = verifiedDoctor("Dra. Marta Lins");
        SlotId poisonous = SlotId.random();
        SlotId behindIt = SlotId.random();
        SlotId elsewhere = SlotId.random();
        poison.poisoned.add(poisonous.toString());

        log.append("Doctor", stuck, TestEvents.slot(stuck, poisonous, start), TestEvents.slot(stuck, behindIt, start.plus(1, ChronoUnit.HOURS)));
        log.append("Doctor", other, TestEvents.slot(other, elsewhere, start));
        awaitCaughtUp();

        assertThat(slotsOf(other)).as("other sequences go on").containsExactly(elsewhere.toString());
        assertThat(slotsOf(stuck)).as("the stuck sequence's later event waits behind the poison").doesNotContain(behindIt.toString());
        assertThat(deadLetters()).isEqualTo(2.0);
        JsonNode parked = json.readTree(admin(HttpMethod.GET, "/api/admin/processors/agenda/dead-letters").getBody());
        assertThat(parked.path("sequences")).hasSize(1);
        JsonNode sequence = parked.path("sequences").get(0);
        assertThat(sequence.path("sequence").asText()).contains(stuck.toString());
        assertThat(sequence.path("letters").findValuesAsText("eventType")).containsExactly("SlotPublishedEvent", "SlotPublishedEvent");
        assertThat(sequence.path("letters").get(0).path("causeType").asText()).isEqualTo(IllegalStateException.class.getName());
        assertThat(sequence.path("letters").get(0).path("causeMessage").asText()).contains(poisonous.toString());

        ResponseEntity<String> stillPoisoned = admin(HttpMethod.POST, "/api/admin/processors/agenda/dead-letters/retry");
        assertThat(stillPoisoned.getStatusCode().value()).isEqualTo(200);
        assertThat(json.readTree(stillPoisoned.getBody()).path("sequencesHandled").asInt()).isZero();
        assertThat(deadLetters()).as("a failed retry keeps them parked").isEqualTo(2.0);

        poison.poisoned.clear();
        ResponseEntity<String> retried = admin(HttpMethod.POST, "/api/admin/processors/agenda/dead-letters/retry");

        assertThat(json.readTree(retried.getBody()).path("sequencesHandled").asInt()).isEqualTo(1);
        assertThat(json.readTree(retried.getBody()).path("stillParked")).isEmpty();
        assertThat(slotsOf(stuck)).containsExactlyInAnyOrder(poisonous.toString(), behindIt.toString());
        assertThat(deadLetters()).isZero();
    }

    @Test
    void an_admin_evicts_a_parked_event_and_the_rest_of_its_sequence_goes_on() throws Exception {
        DoctorId doctor = verifiedDoctor("Dr. Caetano Vaz");
        SlotId dropped = SlotId.random();
        poison.poisoned.add(dropped.toString());
        log.append("Doctor", doctor, TestEvents.slot(doctor, dropped, start.plus(2, ChronoUnit.HOURS)));
        awaitCaughtUp();
        assertThat(deadLetters()).isEqualTo(1.0);
        String letterId = json.readTree(admin(HttpMethod.GET, "/api/admin/processors/agenda/dead-letters").getBody())
                .path("sequences").get(0).path("letters").get(0).path("id").asText();

        assertThat(admin(HttpMethod.DELETE, "/api/admin/processors/agenda/dead-letters/" + letterId).getStatusCode().value())
                .isEqualTo(204);

        assertThat(deadLetters()).isZero();
        ResponseEntity<String> again = admin(HttpMethod.DELETE, "/api/admin/processors/agenda/dead-letters/" + letterId);
        assertThat(again.getStatusCode().value()).isEqualTo(404);
        assertThat(again.getBody()).contains("\"code\":\"dead-letter-not-found\"");
        SlotId next = SlotId.random();
        log.append("Doctor", doctor, TestEvents.slot(doctor, next, start.plus(3, ChronoUnit.HOURS)));
        awaitCaughtUp();
        assertThat(slotsOf(doctor)).contains(next.toString());
        assertThat(deadLetters()).isZero();
    }

    @Test
    void only_admins_see_dead_letters_and_only_of_known_projections() {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(TestTokens.token(UUID.randomUUID(), Role.AUDITOR));
        assertThat(http.exchange("/api/admin/processors/agenda/dead-letters", HttpMethod.GET, new HttpEntity<>(headers),
                String.class).getStatusCode().value()).isEqualTo(403);
        ResponseEntity<String> unknown = admin(HttpMethod.GET, "/api/admin/processors/nonsense/dead-letters");
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getBody()).contains("\"code\":\"processor-not-found\"");
    }

    private DoctorId verifiedDoctor(String name) {
        DoctorId doctor = DoctorId.random();
        log.append("Doctor", doctor, events.doctorRegistered(doctor, name, Specialty.ORTOPEDIA_E_TRAUMATOLOGIA, "190.00"),
                new DoctorVerifiedEvent(doctor));
        return doctor;
    }

    private List<String> slotsOf(DoctorId doctor) {
        return mongo.find(Query.query(Criteria.where("doctorId").is(doctor.toString())), org.bson.Document.class, "slots")
                .stream().map(document -> document.getString("_id")).toList();
    }

    private double deadLetters() {
        return meters.get("healthmed.projection.dead.letters").tag("processor", "agenda").gauge().value();
    }

    private ResponseEntity<String> admin(HttpMethod method, String path) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(TestTokens.token(UUID.randomUUID(), Role.ADMIN));
        return http.exchange(path, method, new HttpEntity<>(headers), String.class);
    }

    private void awaitCaughtUp() {
        long head = eventStore.createHeadToken().position().orElseThrow();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> positions.caughtUpTo(head));
    }
}
