package br.com.healthmed.query.flow;

import br.com.healthmed.api.appointment.AppointmentAcceptedEvent;
import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.appointment.AppointmentRejectedEvent;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.doctor.DoctorVerifiedEvent;
import br.com.healthmed.api.doctor.Specialty;
import br.com.healthmed.api.patient.PatientDataErasedEvent;
import br.com.healthmed.api.patient.PatientId;
import br.com.healthmed.api.schedule.SlotId;
import br.com.healthmed.query.consistency.ProjectionPositions;
import br.com.healthmed.query.support.Api;
import br.com.healthmed.query.support.EmbeddedInfrastructureInitializer;
import br.com.healthmed.query.support.EventLog;
import br.com.healthmed.query.support.IntegrationTest;
import br.com.healthmed.query.support.PersonKeys;
import br.com.healthmed.query.support.TestEvents;
import br.com.healthmed.query.support.TestTokens;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.env.Environment;
import br.com.healthmed.query.support.StoreOwner;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Each patient and doctor sees their own appointments and nobody else's; everything else is 401, 403 or 404. */
@IntegrationTest
class AppointmentsIT {

    @Autowired
    TestRestTemplate http;
    @Autowired
    EventStore eventStore;
    @Autowired
    @StoreOwner
    JdbcClient jdbc;
    @Autowired
    Environment environment;

    private Api api;
    private EventLog log;
    private PersonKeys keys;
    private TestEvents events;
    private final Instant start = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.HOURS);

    private final DoctorId doctor = DoctorId.random();
    private final DoctorId otherDoctor = DoctorId.random();
    private final PatientId patient = PatientId.random();
    private final PatientId otherPatient = PatientId.random();
    @Autowired
    ProjectionPositions positions;

    private final AppointmentId accepted = AppointmentId.random();
    private final AppointmentId rejected = AppointmentId.random();
    private final AppointmentId pending = AppointmentId.random();
    private final AppointmentId othersPending = AppointmentId.random();

    @BeforeEach
    void setUp() {
        api = new Api(http);
        log = new EventLog(eventStore);
        keys = new PersonKeys(jdbc, environment.getProperty(EmbeddedInfrastructureInitializer.MASTER_KEY_PROPERTY));
        events = new TestEvents(keys);
        log.append("Doctor", doctor, events.doctorRegistered(doctor, "Gil Geriatra", Specialty.GERIATRIA, "190.00"),
                new DoctorVerifiedEvent(doctor));
        log.append("Doctor", otherDoctor, events.doctorRegistered(otherDoctor, "Otto Outro", Specialty.GERIATRIA, "90.00"),
                new DoctorVerifiedEvent(otherDoctor));
        log.append("Patient", patient, events.patientRegistered(patient, "Paula Pereira"));
        log.append("Patient", otherPatient, events.patientRegistered(otherPatient, "Olga Outra"));
        log.append("Appointment", accepted,
                TestEvents.requested(accepted, doctor, patient, SlotId.random(), start, "190.00"),
                new AppointmentAcceptedEvent(accepted, doctor, patient));
        log.append("Appointment", rejected,
                TestEvents.requested(rejected, doctor, patient, SlotId.random(), start.plus(Duration.ofHours(1)), "190.00"),
                new AppointmentRejectedEvent(rejected, doctor, patient, SlotId.random(), keys.seal(patient.value(), "Agenda cheia")));
        log.append("Appointment", pending,
                TestEvents.requested(pending, doctor, patient, SlotId.random(), start.plus(Duration.ofHours(2)), "190.00"));
        log.append("Appointment", othersPending,
                TestEvents.requested(othersPending, doctor, otherPatient, SlotId.random(), start.plus(Duration.ofHours(3)), "190.00"));
        // Every projection, not only appointments: patient names come from the patients projection.
        long head = eventStore.createHeadToken().position().orElseThrow();
        await().atMost(Duration.ofSeconds(15)).until(() -> positions.caughtUpTo(head));
        assertThat(api.get("/api/appointments", token(doctor)).<Integer>read("$.totalElements")).isEqualTo(4);
    }

    private static String token(DoctorId doctor) {
        return TestTokens.token(doctor.value(), Role.DOCTOR);
    }

    private static String token(PatientId patient) {
        return TestTokens.token(patient.value(), Role.PATIENT);
    }

    @Test
    void a_patient_sees_only_their_own_appointments_never_cached() {
        var mine = api.get("/api/appointments", token(patient));
        assertThat(mine.<List<String>>read("$.content[*].appointmentId"))
                .containsExactly(accepted.toString(), rejected.toString(), pending.toString());
        assertThat(mine.<List<String>>read("$.content[*].patient.name")).containsOnly("Paula Pereira");
        assertThat(mine.<List<String>>read("$.content[*].doctor.name")).containsOnly("Gil Geriatra");
        assertThat(mine.response().getBody()).doesNotContain("Olga Outra", otherPatient.toString(), othersPending.toString());
        assertThat(mine.header("Cache-Control")).contains("no-store");

        var one = api.get("/api/appointments/" + rejected, token(patient));
        assertThat(one.<String>read("$.status")).isEqualTo("REJECTED");
        assertThat(one.<String>read("$.rejectReason")).isEqualTo("Agenda cheia");
        assertThat(one.<Double>read("$.price.amount")).isEqualTo(190.00);
        assertThat(one.<String>read("$.requestedAt")).endsWith("-03:00");
        assertThat(one.header("Cache-Control")).contains("no-store");

        assertThat(api.get("/api/appointments?status=accepted", token(patient)).<List<String>>read("$.content[*].appointmentId"))
                .containsExactly(accepted.toString());
    }

    @Test
    void a_doctor_sees_their_own_with_pending_requests_first() {
        var mine = api.get("/api/appointments", token(doctor));
        assertThat(mine.<List<String>>read("$.content[*].appointmentId")).containsExactly(
                pending.toString(), othersPending.toString(), accepted.toString(), rejected.toString());
        assertThat(api.get("/api/appointments/" + othersPending, token(doctor)).<String>read("$.patient.name"))
                .isEqualTo("Olga Outra");
        assertThat(api.get("/api/appointments", token(otherDoctor)).<Integer>read("$.totalElements")).isZero();
    }

    @Test
    void someone_elses_or_an_unknown_appointment_is_not_found() {
        var foreign = api.get("/api/appointments/" + othersPending, token(patient));
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.<String>read("$.code")).isEqualTo("not-found");
        assertThat(foreign.response().getBody()).doesNotContain("Olga Outra");
        assertThat(api.get("/api/appointments/" + accepted, token(otherDoctor)).status()).isEqualTo(404);
        assertThat(api.get("/api/appointments/" + UUID.randomUUID(), token(patient)).status()).isEqualTo(404);
    }

    @Test
    void wrong_role_is_forbidden_and_a_missing_expired_or_forged_token_unauthorised() {
        var admin = api.get("/api/appointments", TestTokens.token(UUID.randomUUID(), Role.ADMIN));
        assertThat(admin.status()).isEqualTo(403);
        assertThat(admin.<String>read("$.code")).isEqualTo("forbidden");
        assertThat(admin.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.get("/api/appointments", TestTokens.token(UUID.randomUUID(), Role.AUDITOR)).status()).isEqualTo(403);

        assertThat(api.get("/api/appointments").<String>read("$.code")).isEqualTo("unauthenticated");
        assertThat(api.get("/api/appointments", TestTokens.expired(patient.value(), Role.PATIENT)).<String>read("$.code"))
                .isEqualTo("token-expired");
        var forged = api.get("/api/appointments", TestTokens.forged(patient.value(), Role.PATIENT));
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.<String>read("$.code")).isEqualTo("token-invalid");
    }

    @Test
    void an_erased_patients_name_and_reasons_show_as_removed() {
        PatientId erased = PatientId.random();
        AppointmentId appointment = AppointmentId.random();
        log.append("Patient", erased, events.patientRegistered(erased, "Eva Apagada"));
        log.append("Appointment", appointment,
                TestEvents.requested(appointment, doctor, erased, SlotId.random(), start.plus(Duration.ofHours(5)), "190.00"),
                new AppointmentRejectedEvent(appointment, doctor, erased, SlotId.random(), keys.seal(erased.value(), "Motivo")));
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions().untilAsserted(() ->
                assertThat(api.get("/api/appointments/" + appointment, token(doctor)).<String>read("$.patient.name"))
                        .isEqualTo("Eva Apagada"));

        keys.shred(erased.value());
        log.append("Patient", erased, new PatientDataErasedEvent(erased));

        await().atMost(Duration.ofSeconds(15)).ignoreExceptions().untilAsserted(() -> {
            var answer = api.get("/api/appointments/" + appointment, token(doctor));
            assertThat(answer.<String>read("$.patient.name")).isEqualTo("[dados removidos]");
            assertThat(answer.<String>read("$.rejectReason")).isEqualTo("[dados removidos]");
        });
    }
}
