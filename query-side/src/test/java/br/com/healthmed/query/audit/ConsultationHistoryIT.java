package br.com.healthmed.query.audit;

import br.com.healthmed.api.appointment.AppointmentAcceptedEvent;
import br.com.healthmed.api.appointment.AppointmentCompletedEvent;
import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.appointment.ConsultationConsentRecordedEvent;
import br.com.healthmed.api.appointment.ConsultationEndedEvent;
import br.com.healthmed.api.appointment.ConsultationStartedEvent;
import br.com.healthmed.api.appointment.ParticipantJoinedEvent;
import br.com.healthmed.api.appointment.ParticipantLeftEvent;
import br.com.healthmed.api.common.AuditMetadata;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.patient.PatientId;
import br.com.healthmed.api.schedule.SlotId;
import br.com.healthmed.query.support.EventLog;
import br.com.healthmed.query.support.IntegrationTest;
import br.com.healthmed.query.support.PersonKeys;
import br.com.healthmed.query.support.StoreOwner;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11: the video consultation of an appointment (consent, start, each entry and departure, the end) is in the
 * auditor's appointment history, in order, with its times and who did it, and nothing of the call or of the people
 * beyond the ids every appointment event carries.
 */
@IntegrationTest
class ConsultationHistoryIT {

    private static final String PATIENT_NAME = "Maria Consultada";

    @Autowired
    TestRestTemplate http;

    @Autowired
    EventStore eventStore;

    @Autowired
    @StoreOwner
    JdbcClient jdbc;

    @Autowired
    ObjectMapper json;

    @Value("${healthmed.privacy.master-key}")
    String masterKey;

    private final DoctorId doctor = DoctorId.random();
    private final PatientId patient = PatientId.random();
    private final AppointmentId appointment = AppointmentId.random();
    private final Instant start = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    private final Instant requestedAt = start.minus(3, ChronoUnit.DAYS);
    private final Instant consentAt = start.minus(8, ChronoUnit.MINUTES);
    private final Instant doctorIn = start.minus(5, ChronoUnit.MINUTES);
    private final Instant patientIn = start.minus(2, ChronoUnit.MINUTES);
    private final Instant patientOut = start.plus(22, ChronoUnit.MINUTES);
    private final Instant doctorOut = start.plus(23, ChronoUnit.MINUTES);
    private final Instant roomClosed = start.plus(60, ChronoUnit.MINUTES);

    /**
     * As the command side records it when both parties close their pages without the doctor ending the consultation:
     * the room's deadline ends it, in the system's name, and completes the appointment.
     */
    @BeforeEach
    void aConsultationBothAttendedThatEndedWhenItsRoomClosed() {
        PersonKeys keys = new PersonKeys(jdbc, masterKey);
        EventLog log = new EventLog(eventStore);
        log.append("Patient", patient.value(), new TestEvents(keys).patientRegistered(patient, PATIENT_NAME));
        log.appendAs("Appointment", appointment.value(), requestedAt, patient.value(), Role.PATIENT,
                TestEvents.requested(appointment, doctor, patient, SlotId.random(), start, "300.00"));
        log.appendAs("Appointment", appointment.value(), requestedAt.plus(1, ChronoUnit.HOURS), doctor.value(),
                Role.DOCTOR, new AppointmentAcceptedEvent(appointment, doctor, patient));
        log.appendAs("Appointment", appointment.value(), consentAt, patient.value(), Role.PATIENT,
                new ConsultationConsentRecordedEvent(appointment, patient));
        log.appendAs("Appointment", appointment.value(), doctorIn, doctor.value(), Role.DOCTOR,
                new ConsultationStartedEvent(appointment, doctor, patient));
        log.appendAs("Appointment", appointment.value(), doctorIn, doctor.value(), Role.DOCTOR,
                new ParticipantJoinedEvent(appointment, Role.DOCTOR));
        log.appendAs("Appointment", appointment.value(), patientIn, patient.value(), Role.PATIENT,
                new ParticipantJoinedEvent(appointment, Role.PATIENT));
        log.appendAs("Appointment", appointment.value(), patientOut, patient.value(), Role.PATIENT,
                new ParticipantLeftEvent(appointment, Role.PATIENT));
        log.appendAs("Appointment", appointment.value(), doctorOut, doctor.value(), Role.DOCTOR,
                new ParticipantLeftEvent(appointment, Role.DOCTOR));
        log.appendAs("Appointment", appointment.value(), roomClosed, AuditMetadata.SYSTEM_USER,
                AuditMetadata.SYSTEM_ROLE, new ConsultationEndedEvent(appointment, doctor, patient, true));
        log.appendAs("Appointment", appointment.value(), roomClosed, AuditMetadata.SYSTEM_USER,
                AuditMetadata.SYSTEM_ROLE, new AppointmentCompletedEvent(appointment, doctor, patient));
    }

    private ResponseEntity<String> history(String query) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(TestTokens.token(UUID.randomUUID(), Role.AUDITOR));
        return http.exchange("/api/audit/appointments/" + appointment + "/history" + query, HttpMethod.GET,
                new HttpEntity<>(headers), String.class);
    }

    @Test
    void the_auditor_sees_consent_start_every_entry_and_departure_and_the_end_with_times_and_who() throws Exception {
        ResponseEntity<String> response = history("");

        assertThat(response.getStatusCode().value()).isEqualTo(200);
        JsonNode events = json.readTree(response.getBody()).path("events");
        assertThat(events.findValuesAsText("type")).containsExactly("AppointmentRequestedEvent",
                "AppointmentAcceptedEvent", "ConsultationConsentRecordedEvent", "ConsultationStartedEvent",
                "ParticipantJoinedEvent", "ParticipantJoinedEvent", "ParticipantLeftEvent", "ParticipantLeftEvent",
                "ConsultationEndedEvent", "AppointmentCompletedEvent");
        List<Instant> times = new ArrayList<>();
        events.forEach(event -> times.add(Instant.parse(event.path("timestamp").asText())));
        assertThat(times.subList(2, 10)).containsExactly(consentAt, doctorIn, doctorIn, patientIn, patientOut,
                doctorOut, roomClosed, roomClosed);
        assertThat(events.findValuesAsText("role").subList(2, 10)).containsExactly("PATIENT", "DOCTOR", "DOCTOR",
                "PATIENT", "PATIENT", "DOCTOR", "SYSTEM", "SYSTEM");
        assertThat(events.get(5).path("userId").asText()).isEqualTo(patient.toString());
        assertThat(events.get(4).path("payload").path("participant").asText()).isEqualTo("DOCTOR");
        assertThat(events.get(6).path("payload").path("participant").asText()).isEqualTo("PATIENT");
        assertThat(events.get(8).path("payload").path("held").asBoolean()).as("both attended").isTrue();
        assertThat(events.get(8).path("userId").asText()).as("time ended it").isEqualTo(AuditMetadata.SYSTEM_USER);
    }

    @Test
    void the_consultation_entries_carry_ids_and_times_only() throws Exception {
        ResponseEntity<String> response = history("");

        JsonNode events = json.readTree(response.getBody()).path("events");
        Set<String> allowed = Set.of("appointmentId", "doctorId", "patientId", "participant", "held");
        for (int i = 2; i < 9; i++) {
            List<String> fields = new ArrayList<>();
            events.get(i).path("payload").fieldNames().forEachRemaining(fields::add);
            assertThat(allowed).as(events.get(i).path("type").asText()).containsAll(fields);
        }
        assertThat(response.getBody()).doesNotContain(PATIENT_NAME, "@pacientes.test", "52998224725", "sdp",
                "candidate");
    }

    @Test
    void as_of_the_middle_of_the_call_the_appointment_is_still_accepted_and_the_end_not_yet_there() throws Exception {
        JsonNode during = json.readTree(history("?asOf=" + start.plus(10, ChronoUnit.MINUTES)).getBody());

        assertThat(during.path("state").path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(during.path("events").findValuesAsText("type")).endsWith("ParticipantJoinedEvent")
                .doesNotContain("ConsultationEndedEvent");

        JsonNode after = json.readTree(history("?asOf=" + roomClosed).getBody());
        assertThat(after.path("state").path("status").asText()).isEqualTo("COMPLETED");
    }
}
