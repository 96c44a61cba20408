package br.com.healthmed.query.audit;

import br.com.healthmed.api.appointment.AppointmentAcceptedEvent;
import br.com.healthmed.api.appointment.AppointmentCancelledEvent;
import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.appointment.AppointmentRescheduledEvent;
import br.com.healthmed.api.appointment.AppointmentStatus;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.doctor.Specialty;
import br.com.healthmed.api.patient.PatientId;
import br.com.healthmed.api.schedule.SlotId;
import br.com.healthmed.query.support.EventLog;
import br.com.healthmed.query.support.IntegrationTest;
import br.com.healthmed.query.support.PersonKeys;
import br.com.healthmed.query.support.TestEvents;
import br.com.healthmed.query.support.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Auditors replay an appointment's history straight from the event store; nobody else may. */
@IntegrationTest
class AuditHistoryIT {

    private static final String JUSTIFICATION = "Paciente relatou febre e preferiu remarcar.";

    @Autowired
    TestRestTemplate http;

    @Autowired
    EventStore eventStore;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ObjectMapper json;

    @Value("${healthmed.privacy.master-key}")
    String masterKey;

    PersonKeys keys;
    EventLog log;
    DoctorId doctor = DoctorId.random();
    PatientId patient = PatientId.random();
    AppointmentId appointment = AppointmentId.random();
    Instant requestedAt = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void anAppointmentRequestedAcceptedAndCancelled() {
        keys = new PersonKeys(jdbc, masterKey);
        log = new EventLog(eventStore);
        Instant start = Instant.now().plus(5, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        log.appendAs("Appointment", appointment.value(), requestedAt, patient.value(), Role.PATIENT,
                TestEvents.requested(appointment, doctor, patient, SlotId.random(), start, "250.00"));
        log.appendAs("Appointment", appointment.value(), requestedAt.plus(1, ChronoUnit.HOURS), doctor.value(), Role.DOCTOR,
                new AppointmentAcceptedEvent(appointment, doctor, patient));
        log.appendAs("Appointment", appointment.value(), requestedAt.plus(2, ChronoUnit.HOURS), patient.value(), Role.PATIENT,
                new AppointmentCancelledEvent(appointment, doctor, patient, SlotId.random(),
                        keys.seal(patient.value(), JUSTIFICATION), Role.PATIENT));
    }

    private ResponseEntity<String> get(String path, Role role) {
        HttpHeaders headers = new HttpHeaders();
        if (role != null) {
            headers.setBearerAuth(TestTokens.token(UUID.randomUUID(), role));
        }
        return http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    private JsonNode body(ResponseEntity<String> response) throws Exception {
        return json.readTree(response.getBody());
    }

    @Test
    void an_auditor_sees_every_event_in_order_with_who_did_it_and_the_justification_in_clear() throws Exception {
        ResponseEntity<String> response = get("/api/audit/appointments/" + appointment + "/history", Role.AUDITOR);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getHeaders().getCacheControl()).contains("no-store");
        JsonNode events = body(response).path("events");
        assertThat(events).hasSize(3);
        assertThat(events.findValuesAsText("type"))
                .containsExactly("AppointmentRequestedEvent", "AppointmentAcceptedEvent", "AppointmentCancelledEvent");
        assertThat(events.findValuesAsText("role")).containsExactly("PATIENT", "DOCTOR", "PATIENT");
        assertThat(events.get(1).path("userId").asText()).isEqualTo(doctor.toString());
        assertThat(Instant.parse(events.get(0).path("timestamp").asText())).isEqualTo(requestedAt);
        assertThat(events.get(2).path("payload").path("justification").asText()).isEqualTo(JUSTIFICATION);
        assertThat(events.get(0).path("correlationId").asText()).startsWith("test-");
        assertThat(response.getBody()).as("prices keep their two decimals").contains("\"amount\":250.00");
    }

    @Test
    void as_of_an_instant_the_state_is_folded_from_the_events_until_then() throws Exception {
        String asOf = requestedAt.plus(90, ChronoUnit.MINUTES).toString();
        JsonNode history = body(get("/api/audit/appointments/" + appointment + "/history?asOf=" + asOf, Role.ADMIN));

        assertThat(history.path("events")).hasSize(2);
        assertThat(history.path("state").path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(history.path("state").path("price").path("amount").decimalValue()).isEqualByComparingTo("250.00");

        JsonNode later = body(get("/api/audit/appointments/" + appointment + "/history?asOf=" + Instant.now(), Role.AUDITOR));
        assertThat(later.path("state").path("status").asText()).isEqualTo("CANCELLED");
        assertThat(later.path("state").path("cancelJustification").asText()).isEqualTo(JUSTIFICATION);
        assertThat(later.path("state").path("cancelledBy").asText()).isEqualTo("PATIENT");
    }

    @Test
    void a_rescheduling_is_in_the_history_with_both_slots_and_the_state_follows_it() throws Exception {
        AppointmentId moved = AppointmentId.random();
        SlotId from = SlotId.random();
        SlotId to = SlotId.random();
        Instant start = Instant.now().plus(5, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
        Instant newStart = start.plus(1, ChronoUnit.DAYS);
        log.appendAs("Appointment", moved.value(), requestedAt, patient.value(), Role.PATIENT,
                TestEvents.requested(moved, doctor, patient, from, start, "250.00"));
        log.appendAs("Appointment", moved.value(), requestedAt.plus(1, ChronoUnit.HOURS), doctor.value(), Role.DOCTOR,
                new AppointmentAcceptedEvent(moved, doctor, patient));
        log.appendAs("Appointment", moved.value(), requestedAt.plus(2, ChronoUnit.HOURS), doctor.value(), Role.DOCTOR,
                new AppointmentRescheduledEvent(moved, doctor, patient, from, start, start.plus(30, ChronoUnit.MINUTES),
                        to, newStart, newStart.plus(30, ChronoUnit.MINUTES), AppointmentStatus.ACCEPTED, Role.DOCTOR));

        String beforeTheMove = requestedAt.plus(90, ChronoUnit.MINUTES).toString();
        JsonNode before = body(get("/api/audit/appointments/" + moved + "/history?asOf=" + beforeTheMove, Role.AUDITOR));
        JsonNode after = body(get("/api/audit/appointments/" + moved + "/history?asOf=" + Instant.now(), Role.AUDITOR));

        assertThat(before.path("state").path("slotId").asText()).isEqualTo(from.toString());
        assertThat(after.path("state").path("slotId").asText()).isEqualTo(to.toString());
        assertThat(Instant.parse(after.path("state").path("start").asText())).isEqualTo(newStart);
        assertThat(after.path("state").path("status").asText()).isEqualTo("ACCEPTED");
        JsonNode move = after.path("events").get(2);
        assertThat(move.path("type").asText()).isEqualTo("AppointmentRescheduledEvent");
        assertThat(move.path("role").asText()).isEqualTo("DOCTOR");
        assertThat(move.path("payload").path("previousSlotId").asText()).isEqualTo(from.toString());
        assertThat(move.path("payload").path("slotId").asText()).isEqualTo(to.toString());
    }

    @Test
    void after_erasure_the_history_still_replays_with_the_personal_text_unreadable() throws Exception {
        keys.shred(patient.value());
        JsonNode events = body(get("/api/audit/appointments/" + appointment + "/history", Role.AUDITOR)).path("events");
        assertThat(events).hasSize(3);
        assertThat(events.get(2).path("payload").path("justification").isNull()).isTrue();
    }

    @Test
    void patients_doctors_and_anonymous_callers_are_refused() {
        for (Role role : new Role[]{Role.PATIENT, Role.DOCTOR}) {
            ResponseEntity<String> response = get("/api/audit/appointments/" + appointment + "/history", role);
            assertThat(response.getStatusCode().value()).as(role.name()).isEqualTo(403);
            assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        }
        assertThat(get("/api/audit/appointments/" + appointment + "/history", null).getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void an_unknown_appointment_or_one_that_did_not_exist_yet_is_404() {
        assertThat(get("/api/audit/appointments/" + UUID.randomUUID() + "/history", Role.AUDITOR).getStatusCode().value())
                .isEqualTo(404);
        String before = requestedAt.minus(1, ChronoUnit.MINUTES).toString();
        assertThat(get("/api/audit/appointments/" + appointment + "/history?asOf=" + before, Role.AUDITOR)
                .getStatusCode().value()).isEqualTo(404);
        assertThat(get("/api/audit/appointments/" + appointment + "/history?asOf=yesterday", Role.AUDITOR)
                .getStatusCode().value()).isEqualTo(400);
    }

    @Test
    void the_history_of_a_patient_a_doctor_or_any_other_aggregate_is_404_and_opens_nothing() {
        DoctorId someDoctor = DoctorId.random();
        TestEvents events = new TestEvents(keys);
        log.append("Patient", patient.value(), events.patientRegistered(patient, "Maria Auditada"));
        log.append("Doctor", someDoctor.value(), events.doctorRegistered(someDoctor, "Dr. Auditado", Specialty.CARDIOLOGIA, "250.00"));

        for (UUID id : new UUID[]{patient.value(), someDoctor.value()}) {
            ResponseEntity<String> response = get("/api/audit/appointments/" + id + "/history", Role.ADMIN);
            assertThat(response.getStatusCode().value()).isEqualTo(404);
            assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
            assertThat(response.getBody()).doesNotContain("Auditad", "@pacientes.test", "@medicos.test", "52998224725");
        }
    }

    @Test
    void sealed_fields_an_auditor_does_not_need_stay_closed_even_in_an_appointment_stream() throws Exception {
        // Appointment events may gain personal fields later; only the reason and the justification are opened.
        AppointmentId other = AppointmentId.random();
        log.append("Appointment", other.value(), new TestEvents(keys).patientRegistered(patient, "Maria Auditada"));

        ResponseEntity<String> response = get("/api/audit/appointments/" + other + "/history", Role.AUDITOR);

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        assertThat(response.getBody()).doesNotContain("Maria Auditada", "@pacientes.test", "52998224725");
        assertThat(body(response).path("events").get(0).path("payload").path("name").asText())
                .isEqualTo("[withheld]");
    }
}
