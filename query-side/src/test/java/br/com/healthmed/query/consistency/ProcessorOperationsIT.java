package br.com.healthmed.query.consistency;

import br.com.healthmed.api.appointment.AppointmentAcceptedEvent;
import br.com.healthmed.api.appointment.AppointmentCancelledEvent;
import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.appointment.AppointmentRejectedEvent;
import br.com.healthmed.api.common.Money;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.doctor.ConsultationPriceChangedEvent;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.doctor.DoctorVerifiedEvent;
import br.com.healthmed.api.doctor.Specialty;
import br.com.healthmed.api.patient.PatientDataErasedEvent;
import br.com.healthmed.api.patient.PatientId;
import br.com.healthmed.api.schedule.SlotHeldEvent;
import br.com.healthmed.api.schedule.SlotId;
import br.com.healthmed.api.schedule.SlotMovedEvent;
import br.com.healthmed.api.schedule.SlotReleasedEvent;
import br.com.healthmed.api.schedule.SlotRemovedEvent;
import br.com.healthmed.query.config.PerDoctorSequencingPolicy;
import br.com.healthmed.query.support.EventLog;
import br.com.healthmed.query.support.IntegrationTest;
import br.com.healthmed.query.support.PersonKeys;
import br.com.healthmed.query.support.TestEvents;
import br.com.healthmed.query.support.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import br.com.healthmed.query.support.StoreOwner;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
    @StoreOwner
    JdbcClient jdbc;

    @Autowired
    ObjectMapper json;

    @Autowired
    ProjectionPositions positions;

    @Autowired
    MongoTemplate mongo;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    EventProcessingConfiguration processing;

    @Value("${healthmed.privacy.master-key}")
    String masterKey;

    private ResponseEntity<String> call(HttpMethod method, String path, Role role) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(TestTokens.token(UUID.randomUUID(), role));
        return http.exchange(path, method, new HttpEntity<>(headers), String.class);
    }

    /** A doctor's slot events come from their own stream and one per UTC day (ADR 0011): the two views read them in store order. */
    @Test
    void the_doctor_and_agenda_projections_take_each_doctors_events_in_store_order_across_streams() {
        assertThat(List.of("doctors", "agenda")).allSatisfy(group ->
                assertThat(processing.sequencingPolicy(group)).isInstanceOf(PerDoctorSequencingPolicy.class));
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

    /**
     * The views are damaged first (documents deleted, altered and added, the cached agenda tampered with), so only a
     * reset that clears and replays every projection, and voids the agenda cache, gets them back exactly.
     */
    @Test
    void resetting_the_projections_rebuilds_exactly_the_same_views_from_damaged_ones() throws Exception {
        DoctorId doctor = DoctorId.random();
        PatientId patient = PatientId.random();
        PatientId erased = PatientId.random();
        SlotId accepted = SlotId.random();
        SlotId rejected = SlotId.random();
        SlotId cancelled = SlotId.random();
        SlotId free = SlotId.random();
        AppointmentId acceptedAppointment = AppointmentId.random();
        AppointmentId rejectedAppointment = AppointmentId.random();
        AppointmentId cancelledAppointment = AppointmentId.random();
        Instant start = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        PersonKeys keys = new PersonKeys(jdbc, masterKey);
        TestEvents events = new TestEvents(keys);
        EventLog log = new EventLog(eventStore);
        log.append("Doctor", doctor, events.doctorRegistered(doctor, "Dr. Otávio Reis", Specialty.NEUROLOGIA, "410.00"),
                new DoctorVerifiedEvent(doctor), TestEvents.slot(doctor, accepted, start),
                TestEvents.slot(doctor, rejected, start.plus(1, ChronoUnit.HOURS)),
                TestEvents.slot(doctor, cancelled, start.plus(2, ChronoUnit.HOURS)),
                TestEvents.slot(doctor, free, start.plus(3, ChronoUnit.HOURS)));
        log.append("Patient", patient, events.patientRegistered(patient, "Paula Prado"));
        log.append("Patient", erased, events.patientRegistered(erased, "Ernesto Apagado"));
        log.append("Appointment", acceptedAppointment,
                TestEvents.requested(acceptedAppointment, doctor, patient, accepted, start, "410.00"));
        log.append("Doctor", doctor, new SlotHeldEvent(doctor, accepted, acceptedAppointment));
        log.append("Appointment", acceptedAppointment, new AppointmentAcceptedEvent(acceptedAppointment, doctor, patient));
        log.append("Doctor", doctor, new ConsultationPriceChangedEvent(doctor, Money.brl("450.00")));
        log.append("Appointment", rejectedAppointment, TestEvents.requested(rejectedAppointment, doctor, erased, rejected,
                start.plus(1, ChronoUnit.HOURS), "450.00"));
        log.append("Doctor", doctor, new SlotHeldEvent(doctor, rejected, rejectedAppointment));
        log.append("Appointment", rejectedAppointment, new AppointmentRejectedEvent(rejectedAppointment, doctor, erased,
                rejected, keys.seal(erased.value(), "Agenda cheia")));
        log.append("Doctor", doctor, new SlotReleasedEvent(doctor, rejected, rejectedAppointment),
                new SlotRemovedEvent(doctor, rejected));
        log.append("Appointment", cancelledAppointment, TestEvents.requested(cancelledAppointment, doctor, patient,
                cancelled, start.plus(2, ChronoUnit.HOURS), "450.00"));
        log.append("Doctor", doctor, new SlotHeldEvent(doctor, cancelled, cancelledAppointment));
        log.append("Appointment", cancelledAppointment, new AppointmentCancelledEvent(cancelledAppointment, doctor, patient,
                cancelled, keys.seal(patient.value(), "Viagem a trabalho"), Role.PATIENT));
        log.append("Doctor", doctor, new SlotReleasedEvent(doctor, cancelled, cancelledAppointment),
                new SlotMovedEvent(doctor, cancelled, start.plus(5, ChronoUnit.HOURS), start.plus(6, ChronoUnit.HOURS)));
        log.append("Patient", erased, new PatientDataErasedEvent(erased));
        keys.shred(erased.value());
        awaitCaughtUp();

        String window = "?from=" + start.minus(1, ChronoUnit.HOURS) + "&to=" + start.plus(3, ChronoUnit.DAYS);
        String publicAgenda = "/api/doctors/" + doctor + "/agenda" + window;
        List<Read> reads = List.of(
                new Read("/api/doctors?specialty=NEUROLOGIA", TestTokens.token(patient.value(), Role.PATIENT)),
                new Read("/api/doctors/" + doctor, TestTokens.token(patient.value(), Role.PATIENT)),
                new Read(publicAgenda, null),
                new Read("/api/doctors/me/agenda" + window, TestTokens.token(doctor.value(), Role.DOCTOR)),
                new Read("/api/appointments", TestTokens.token(doctor.value(), Role.DOCTOR)),
                new Read("/api/appointments", TestTokens.token(patient.value(), Role.PATIENT)));
        Map<Read, JsonNode> answersBefore = answers(reads);
        assertThat(answersBefore.get(new Read(publicAgenda, null)).path("slots").findValuesAsText("slotId"))
                .containsExactly(free.toString(), cancelled.toString());
        Map<String, List<Document>> viewsBefore = views();
        assertThat(viewsBefore).containsKeys("doctors", "doctor_slots", "slots", "appointments", "patients");
        assertThat(viewsBefore.values()).allSatisfy(documents -> assertThat(documents).isNotEmpty());
        String cacheKeyBefore = agendaCacheKey(doctor);
        String cachedBefore = redis.opsForValue().get(cacheKeyBefore);
        assertThat(cachedBefore).as("the public read cached the agenda").contains(free.toString(), cancelled.toString());

        damage(doctor, patient, accepted, cancelledAppointment, cacheKeyBefore, cachedBefore, free);
        assertThat(views()).as("the damage took").isNotEqualTo(viewsBefore);

        assertThat(positions.processorNames()).containsExactlyInAnyOrder("agenda", "appointments", "doctors", "patients");
        for (String processor : positions.processorNames()) {
            ResponseEntity<String> reset = call(HttpMethod.POST, "/api/admin/processors/" + processor + "/reset", Role.ADMIN);
            assertThat(reset.getStatusCode().value()).as(processor).isEqualTo(202);
        }
        awaitCaughtUp();

        assertThat(views()).isEqualTo(viewsBefore);
        String cacheKeyAfter = agendaCacheKey(doctor);
        assertThat(redis.hasKey(cacheKeyAfter)).as("the agenda is cached again on its first read, not before").isFalse();
        assertThat(answers(reads)).isEqualTo(answersBefore);
        assertThat(redis.opsForValue().get(cacheKeyAfter)).as("the rebuilt cache entry").isEqualTo(cachedBefore);
    }

    /** Deletes, alters and adds documents in every view, and makes the cached agenda lie. */
    private void damage(DoctorId doctor, PatientId patient, SlotId accepted, AppointmentId cancelledAppointment,
                        String cacheKey, String cached, SlotId free) {
        mongo.getCollection("doctors").deleteOne(Filters.eq("_id", doctor.toString()));
        mongo.getCollection("doctor_slots").updateOne(Filters.eq("_id", accepted.toString()), Updates.set("free", true));
        mongo.getCollection("slots").updateOne(Filters.eq("_id", accepted.toString()),
                Updates.combine(Updates.set("status", "FREE"), Updates.unset("appointmentId")));
        mongo.getCollection("appointments").updateOne(Filters.eq("_id", cancelledAppointment.toString()),
                Updates.combine(Updates.set("status", "REQUESTED"), Updates.unset("cancelJustification")));
        mongo.getCollection("patients").deleteOne(Filters.eq("_id", patient.toString()));
        for (String collection : views().keySet()) {
            mongo.getCollection(collection).insertOne(new Document("_id", "stray-" + UUID.randomUUID())
                    .append("doctorId", doctor.toString()));
        }
        redis.opsForValue().set(cacheKey, cached.replace(free.toString(), SlotId.random().toString()));
    }

    /** Every collection of the read model, each document in full, in id order. */
    private Map<String, List<Document>> views() {
        Map<String, List<Document>> views = new TreeMap<>();
        for (String name : mongo.getCollectionNames()) {
            if (!name.startsWith("system.")) {
                views.put(name, mongo.getCollection(name).find().sort(Sorts.ascending("_id")).into(new ArrayList<>()));
            }
        }
        return views;
    }

    /** Where a public read of the doctor's agenda would find it now: the epoch and the doctor's version name it. */
    private String agendaCacheKey(DoctorId doctor) {
        String epoch = redis.opsForValue().get("agenda:epoch");
        String version = redis.opsForValue().get("agenda:version:" + doctor);
        return "agenda:" + (epoch == null ? "0" : epoch) + ":" + doctor + ":" + (version == null ? "0" : version);
    }

    /** A GET as someone (or anonymously, without a token). */
    private record Read(String path, String token) {
    }

    private Map<Read, JsonNode> answers(List<Read> reads) throws Exception {
        Map<Read, JsonNode> answers = new LinkedHashMap<>();
        for (Read read : reads) {
            HttpHeaders headers = new HttpHeaders();
            if (read.token() != null) {
                headers.setBearerAuth(read.token());
            }
            ResponseEntity<String> response = http.exchange(read.path(), HttpMethod.GET, new HttpEntity<>(headers), String.class);
            assertThat(response.getStatusCode().value()).as(read.path() + " " + response.getBody()).isEqualTo(200);
            answers.put(read, json.readTree(response.getBody()));
        }
        return answers;
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
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!positions.caughtUpTo(head)) {
            assertThat(System.nanoTime()).as("projections caught up within 60 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
