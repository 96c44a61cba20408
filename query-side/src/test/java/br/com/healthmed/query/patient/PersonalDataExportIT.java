package br.com.healthmed.query.patient;

import br.com.healthmed.api.appointment.AppointmentCancelledEvent;
import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.doctor.DoctorVerifiedEvent;
import br.com.healthmed.api.doctor.Specialty;
import br.com.healthmed.api.patient.PatientDataErasedEvent;
import br.com.healthmed.api.patient.PatientId;
import br.com.healthmed.api.patient.PatientRegisteredEvent;
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
import br.com.healthmed.query.support.StoreOwner;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A patient exports everything personal held about them, and nothing about anyone else; after erasure, nothing. */
@IntegrationTest
class PersonalDataExportIT {

    private static final String EXPORT = "/api/patients/me/export";
    private static final String JUSTIFICATION = "Viagem de trabalho marcada de ultima hora.";

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
    PatientId otherPatient = PatientId.random();
    AppointmentId cancelled = AppointmentId.random();
    AppointmentId requested = AppointmentId.random();
    AppointmentId othersAppointment = AppointmentId.random();
    Instant start = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);

    @BeforeEach
    void twoPatientsOfOneDoctor() throws InterruptedException {
        api = new Api(http);
        keys = new PersonKeys(jdbc, masterKey);
        log = new EventLog(eventStore);
        SlotId first = SlotId.random();
        TestEvents events = new TestEvents(keys);
        log.append("Doctor", doctor, events.doctorRegistered(doctor, "Dra. Exportadora", Specialty.DERMATOLOGIA, "280.00"),
                new DoctorVerifiedEvent(doctor), TestEvents.slot(doctor, first, start));
        log.append("Patient", patient, new PatientRegisteredEvent(patient, keys.seal(patient.value(), "Iolanda Portavel"),
                keys.seal(patient.value(), "iolanda@pacientes.test"), keys.seal(patient.value(), "52998224725"),
                keys.seal(patient.value(), "5511912345678"), keys.seal(patient.value(), "1990-04-17")));
        log.append("Patient", otherPatient, events.patientRegistered(otherPatient, "Outro Paciente Alheio"));
        log.append("Appointment", cancelled, TestEvents.requested(cancelled, doctor, patient, first, start, "280.00"),
                new AppointmentCancelledEvent(cancelled, doctor, patient, first,
                        keys.seal(patient.value(), JUSTIFICATION), Role.PATIENT));
        log.append("Appointment", requested, TestEvents.requested(requested, doctor, patient, first, start, "280.00"));
        log.append("Appointment", othersAppointment,
                TestEvents.requested(othersAppointment, doctor, otherPatient, SlotId.random(), start, "280.00"));
        awaitCaughtUp();
    }

    private Api.Answer export(PatientId who) {
        return api.get(EXPORT, TestTokens.token(who.value(), Role.PATIENT));
    }

    @Test
    void the_export_holds_the_registration_the_appointments_and_the_stored_events_opened() {
        Api.Answer answer = export(patient);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Cache-Control")).contains("no-store");
        assertThat(answer.<String>read("$.patientId")).isEqualTo(patient.toString());
        assertThat(answer.<String>read("$.registration.name")).isEqualTo("Iolanda Portavel");
        assertThat(answer.<String>read("$.registration.email")).isEqualTo("iolanda@pacientes.test");
        assertThat(answer.<String>read("$.registration.cpf")).isEqualTo("52998224725");
        assertThat(answer.<String>read("$.registration.phone")).isEqualTo("5511912345678");
        assertThat(answer.<String>read("$.registration.birthDate")).isEqualTo("1990-04-17");
        assertThat(answer.<List<String>>read("$.appointments[*].appointmentId"))
                .containsExactlyInAnyOrder(cancelled.toString(), requested.toString());
        assertThat(answer.<List<String>>read("$.appointments[?(@.status == 'CANCELLED')].cancelJustification"))
                .containsExactly(JUSTIFICATION);
        assertThat(answer.<List<String>>read("$.appointments[*].doctor.name")).containsOnly("Dra. Exportadora");
        assertThat(answer.<String>read("$.events[0].type")).isEqualTo("PatientRegisteredEvent");
        assertThat(answer.<List<String>>read("$.events[*].type")).containsExactlyInAnyOrder("PatientRegisteredEvent",
                "AppointmentRequestedEvent", "AppointmentCancelledEvent", "AppointmentRequestedEvent");
        assertThat(answer.<List<String>>read("$.events[*].aggregateId"))
                .containsOnly(patient.toString(), cancelled.toString(), requested.toString());
    }

    @Test
    void another_patients_data_never_appears_in_an_export() {
        String mine = export(patient).response().getBody();
        assertThat(mine).doesNotContain(otherPatient.toString(), othersAppointment.toString(), "Outro Paciente Alheio");

        String theirs = export(otherPatient).response().getBody();
        assertThat(theirs).contains("Outro Paciente Alheio", othersAppointment.toString())
                .doesNotContain(patient.toString(), "Iolanda Portavel", "iolanda@pacientes.test", cancelled.toString(),
                        requested.toString(), JUSTIFICATION);
    }

    @Test
    void the_export_lists_who_else_read_the_patients_data() {
        UUID auditor = UUID.randomUUID();
        assertThat(api.get("/api/audit/appointments/" + cancelled + "/history", TestTokens.token(auditor, Role.AUDITOR))
                .status()).isEqualTo(200);

        Api.Answer answer = export(patient);
        assertThat(answer.<List<String>>read("$.readsByOthers[*].readerId")).containsExactly(auditor.toString());
        assertThat(answer.<List<String>>read("$.readsByOthers[*].purpose")).containsExactly("AUDIT");
    }

    @Test
    void after_erasure_nothing_personal_is_exported() {
        keys.shred(patient.value());
        Api.Answer shredded = export(patient);
        assertThat(shredded.status()).isEqualTo(404);
        assertThat(shredded.<String>read("$.code")).isEqualTo("personal-data-erased");

        log.append("Patient", patient, new PatientDataErasedEvent(patient));
        Api.Answer erased = export(patient);
        assertThat(erased.status()).isEqualTo(404);
        assertThat(erased.<String>read("$.code")).isEqualTo("personal-data-erased");
        assertThat(erased.response().getBody()).doesNotContain("Iolanda", JUSTIFICATION, cancelled.toString());
    }

    @Test
    void a_patient_with_no_stored_registration_gets_404_and_other_roles_are_refused() {
        Api.Answer unknown = export(PatientId.random());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.<String>read("$.code")).isEqualTo("not-found");

        // A doctor's id used as a patient's: another aggregate's stream is never exported.
        assertThat(api.get(EXPORT, TestTokens.token(doctor.value(), Role.PATIENT)).<String>read("$.code"))
                .isEqualTo("not-found");
        for (Role role : new Role[]{Role.DOCTOR, Role.AUDITOR, Role.ADMIN}) {
            assertThat(api.get(EXPORT, TestTokens.token(patient.value(), role)).status()).as(role.name()).isEqualTo(403);
        }
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
