package br.com.healthmed.query.accountability;

import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.doctor.DoctorVerifiedEvent;
import br.com.healthmed.api.doctor.Specialty;
import br.com.healthmed.api.patient.PatientId;
import br.com.healthmed.api.schedule.SlotHeldEvent;
import br.com.healthmed.api.schedule.SlotId;
import br.com.healthmed.query.consistency.ProjectionPositions;
import br.com.healthmed.query.support.Api;
import br.com.healthmed.query.support.EventLog;
import br.com.healthmed.query.support.IntegrationTest;
import br.com.healthmed.query.support.PersonKeys;
import br.com.healthmed.query.support.TestEvents;
import br.com.healthmed.query.support.TestTokens;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.dao.DataIntegrityViolationException;
import br.com.healthmed.query.support.StoreOwner;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * LGPD read accountability: every time someone other than the patient is shown the patient's personal data (an
 * auditor's appointment history, a doctor's agenda and appointments with the patient's name), a row is appended to a
 * log that only ADMINs can read and that nobody can change.
 */
@IntegrationTest
class PersonalDataReadsIT {

    private static final String READS = "/api/admin/personal-data-reads";

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

    Api api;
    PersonKeys keys;
    EventLog log;
    DoctorId doctor = DoctorId.random();
    PatientId patient = PatientId.random();
    AppointmentId appointment = AppointmentId.random();
    Instant start = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    String admin = TestTokens.token(UUID.randomUUID(), Role.ADMIN);

    @BeforeEach
    void aPatientWithAnAppointmentHeldInTheDoctorsAgenda() throws InterruptedException {
        api = new Api(http);
        keys = new PersonKeys(jdbc, masterKey);
        log = new EventLog(eventStore);
        TestEvents events = new TestEvents(keys);
        SlotId slot = SlotId.random();
        log.append("Doctor", doctor, events.doctorRegistered(doctor, "Dra. Responsavel", Specialty.CLINICA_MEDICA, "200.00"),
                new DoctorVerifiedEvent(doctor), TestEvents.slot(doctor, slot, start));
        log.append("Patient", patient, events.patientRegistered(patient, "Rosalia Contabilizada"));
        log.append("Appointment", appointment, TestEvents.requested(appointment, doctor, patient, slot, start, "200.00"));
        log.append("Doctor", doctor, new SlotHeldEvent(doctor, slot, appointment));
        awaitCaughtUp();
    }

    private List<Map<String, Object>> readsOf(PatientId patientId) {
        Api.Answer answer = api.get(READS + "?patientId=" + patientId, admin);
        assertThat(answer.status()).isEqualTo(200);
        return answer.read("$.content");
    }

    @Test
    void an_auditor_reading_an_appointment_history_is_recorded_against_its_patient() {
        UUID auditor = UUID.randomUUID();
        Instant before = Instant.now().minusSeconds(1);

        assertThat(api.get("/api/audit/appointments/" + appointment + "/history", TestTokens.token(auditor, Role.AUDITOR))
                .status()).isEqualTo(200);

        List<Map<String, Object>> reads = readsOf(patient);
        assertThat(reads).hasSize(1);
        Map<String, Object> read = reads.getFirst();
        assertThat(read).containsEntry("readerId", auditor.toString()).containsEntry("readerRole", "AUDITOR")
                .containsEntry("patientId", patient.toString()).containsEntry("purpose", "AUDIT")
                .containsEntry("resource", "/api/audit/appointments/" + appointment + "/history");
        assertThat(Instant.parse((String) read.get("readAt"))).isBetween(before, Instant.now().plusSeconds(1));
    }

    @Test
    void a_doctor_shown_the_patients_name_in_their_agenda_or_appointments_is_recorded() {
        String doctorToken = TestTokens.token(doctor.value(), Role.DOCTOR);

        Api.Answer agenda = api.get("/api/doctors/me/agenda?from=" + start.minus(1, ChronoUnit.HOURS), doctorToken);
        assertThat(agenda.response().getBody()).contains("Rosalia Contabilizada");
        assertThat(api.get("/api/appointments", doctorToken).response().getBody()).contains("Rosalia Contabilizada");
        assertThat(api.get("/api/appointments/" + appointment, doctorToken).status()).isEqualTo(200);

        List<Map<String, Object>> reads = readsOf(patient);
        assertThat(reads).extracting(read -> read.get("resource")).containsExactlyInAnyOrder(
                "/api/doctors/me/agenda", "/api/appointments", "/api/appointments/" + appointment);
        assertThat(reads).allSatisfy(read -> assertThat(read).containsEntry("readerId", doctor.toString())
                .containsEntry("readerRole", "DOCTOR").containsEntry("purpose", "CARE"));
    }

    @Test
    void the_patient_reading_their_own_data_and_a_doctor_shown_an_erased_name_are_not_reads_of_personal_data() {
        assertThat(api.get("/api/appointments", TestTokens.token(patient.value(), Role.PATIENT)).status()).isEqualTo(200);
        assertThat(readsOf(patient)).isEmpty();

        keys.shred(patient.value());
        assertThat(api.get("/api/appointments", TestTokens.token(doctor.value(), Role.DOCTOR)).status()).isEqualTo(200);
        assertThat(readsOf(patient)).isEmpty();
    }

    @Test
    void only_admins_may_list_the_reads() {
        for (Role role : new Role[]{Role.PATIENT, Role.DOCTOR, Role.AUDITOR}) {
            Api.Answer answer = api.get(READS, TestTokens.token(UUID.randomUUID(), role));
            assertThat(answer.status()).as(role.name()).isEqualTo(403);
            assertThat(answer.response().getBody()).contains("\"code\":\"forbidden\"");
        }
        assertThat(api.get(READS).status()).isEqualTo(401);
    }

    @Test
    void the_listing_filters_by_patient_and_time_newest_first_and_pages() {
        PatientId other = PatientId.random();
        UUID auditor = UUID.randomUUID();
        String auditorToken = TestTokens.token(auditor, Role.AUDITOR);
        for (int i = 0; i < 3; i++) {
            api.get("/api/audit/appointments/" + appointment + "/history", auditorToken);
        }

        Api.Answer firstPage = api.get(READS + "?patientId=" + patient + "&size=2", admin);
        assertThat(firstPage.<List<?>>read("$.content")).hasSize(2);
        assertThat(firstPage.<Boolean>read("$.hasNext")).isTrue();
        Api.Answer secondPage = api.get(READS + "?patientId=" + patient + "&size=2&page=1", admin);
        assertThat(secondPage.<List<?>>read("$.content")).hasSize(1);
        assertThat(secondPage.<Boolean>read("$.hasNext")).isFalse();
        List<Integer> ids = api.get(READS + "?patientId=" + patient, admin).read("$.content[*].id");
        assertThat(ids).isSortedAccordingTo((a, b) -> Integer.compare(b, a));

        assertThat(readsOf(other)).isEmpty();
        String future = Instant.now().plus(1, ChronoUnit.HOURS).toString();
        assertThat(api.get(READS + "?patientId=" + patient + "&from=" + future, admin).<List<?>>read("$.content")).isEmpty();
        String past = Instant.now().minus(1, ChronoUnit.HOURS).toString();
        assertThat(api.get(READS + "?patientId=" + patient + "&from=" + past + "&to=" + future, admin)
                .<List<?>>read("$.content")).hasSize(3);
        assertThat(api.get(READS + "?from=" + past, admin).<List<String>>read("$.content[*].patientId"))
                .contains(patient.toString());
    }

    @Test
    void bad_filters_answer_400_with_a_stable_code() {
        assertThat(api.get(READS + "?patientId=not-a-uuid", admin).<String>read("$.code")).isEqualTo("id-invalid");
        assertThat(api.get(READS + "?from=yesterday", admin).<String>read("$.code")).isEqualTo("date-invalid");
        assertThat(api.get(READS + "?from=2026-12-02&to=2026-12-01", admin).<String>read("$.code")).isEqualTo("window-invalid");
        assertThat(api.get(READS + "?size=1000", admin).<String>read("$.code")).isEqualTo("size-invalid");
    }

    @Test
    void the_log_is_append_only_in_the_database() {
        api.get("/api/audit/appointments/" + appointment + "/history", TestTokens.token(UUID.randomUUID(), Role.AUDITOR));
        assertThat(readsOf(patient)).hasSize(1);

        for (String change : List.of(
                "UPDATE query_side.personal_data_read SET purpose = 'CARE' WHERE patient_id = :patient",
                "DELETE FROM query_side.personal_data_read WHERE patient_id = :patient")) {
            assertThatThrownBy(() -> jdbc.sql(change).param("patient", patient.value()).update()).as(change)
                    .isInstanceOf(DataIntegrityViolationException.class).rootCause().hasMessageContaining("append-only");
        }
        assertThatThrownBy(() -> jdbc.sql("TRUNCATE query_side.personal_data_read").update())
                .isInstanceOf(DataIntegrityViolationException.class).rootCause().hasMessageContaining("append-only");

        assertThat(readsOf(patient)).singleElement().satisfies(read -> assertThat(read).containsEntry("purpose", "AUDIT"));
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
