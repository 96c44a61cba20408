package br.com.healthmed.query.appointment;

import br.com.healthmed.api.appointment.AppointmentAcceptedEvent;
import br.com.healthmed.api.appointment.AppointmentCancelledEvent;
import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.appointment.AppointmentRejectedEvent;
import br.com.healthmed.api.appointment.AppointmentStatus;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.patient.PatientId;
import br.com.healthmed.api.schedule.SlotId;
import br.com.healthmed.platform.security.Actor;
import br.com.healthmed.query.support.Feeder;
import br.com.healthmed.query.support.ReadModelFixture;
import br.com.healthmed.query.support.TestEvents;
import br.com.healthmed.query.web.NotFoundException;
import br.com.healthmed.query.web.QueryParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The appointments view and its queries, run against the emulator and, where Docker exists, a real MongoDB. */
abstract class AppointmentQueriesContract {

    private static final QueryParameters.Window ANY_TIME = new QueryParameters.Window(null, null);

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final Instant day = now.plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
    private final DoctorId doctor = DoctorId.random();
    private final DoctorId otherDoctor = DoctorId.random();
    private final PatientId patient = PatientId.random();
    private final PatientId otherPatient = PatientId.random();

    private ReadModelFixture fixture;
    private Feeder feeder;
    private Appointments appointments;

    abstract ReadModelFixture fixture();

    @BeforeEach
    void setUp() {
        fixture = fixture();
        feeder = new Feeder(new AppointmentProjection(fixture.mongo()));
        appointments = new Appointments(fixture.mongo());
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private String requested(DoctorId by, PatientId of, Instant start) {
        AppointmentId appointment = AppointmentId.random();
        feeder.feed(now, TestEvents.requested(appointment, by, of, SlotId.random(), start, "180.00"));
        return appointment.toString();
    }

    private String accepted(DoctorId by, PatientId of, Instant start) {
        String appointment = requested(by, of, start);
        feeder.feed(now, new AppointmentAcceptedEvent(AppointmentId.of(appointment), by, of));
        return appointment;
    }

    private String rejected(DoctorId by, PatientId of, Instant start) {
        String appointment = requested(by, of, start);
        feeder.feed(now, new AppointmentRejectedEvent(AppointmentId.of(appointment), by, of, SlotId.random(),
                fixture.keys().seal(of.value(), "Fora da especialidade")));
        return appointment;
    }

    private String cancelled(DoctorId by, PatientId of, Instant start) {
        String appointment = accepted(by, of, start);
        feeder.feed(now, new AppointmentCancelledEvent(AppointmentId.of(appointment), by, of, SlotId.random(),
                fixture.keys().seal(of.value(), "Viagem inesperada"), Role.PATIENT));
        return appointment;
    }

    private Instant at(int hours) {
        return day.plus(Duration.ofHours(hours));
    }

    private static Actor patientOf(PatientId patient) {
        return new Actor(patient.value(), Role.PATIENT);
    }

    private static Actor doctorOf(DoctorId doctor) {
        return new Actor(doctor.value(), Role.DOCTOR);
    }

    private List<String> ids(Actor actor, AppointmentStatus status, QueryParameters.Window window) {
        return ids(appointments.list(actor, status, window, 0, 50));
    }

    private static List<String> ids(Appointments.Page page) {
        return page.appointments().stream().map(AppointmentDocument::id).toList();
    }

    @Test
    void no_patient_sees_another_patients_appointments_and_no_doctor_another_doctors() {
        String mine = requested(doctor, patient, at(0));
        String minePast = accepted(otherDoctor, patient, at(1));
        String theirs = requested(doctor, otherPatient, at(2));
        String elsewhere = requested(otherDoctor, otherPatient, at(3));

        assertThat(ids(patientOf(patient), null, ANY_TIME)).containsExactly(mine, minePast);
        assertThat(ids(patientOf(otherPatient), null, ANY_TIME)).containsExactly(theirs, elsewhere);
        assertThat(ids(doctorOf(doctor), null, ANY_TIME)).containsExactly(mine, theirs);
        assertThat(ids(doctorOf(otherDoctor), null, ANY_TIME)).containsExactly(elsewhere, minePast);
        assertThat(appointments.list(patientOf(PatientId.random()), null, ANY_TIME, 0, 50).totalElements()).isZero();
        // The role decides which field is matched: a doctor's id presented as a patient opens nothing.
        assertThat(ids(new Actor(doctor.value(), Role.PATIENT), null, ANY_TIME)).isEmpty();
    }

    @Test
    void one_appointment_is_found_by_its_patient_and_its_doctor_only() {
        String appointment = accepted(doctor, patient, at(0));

        assertThat(appointments.find(patientOf(patient), appointment).patientId()).isEqualTo(patient.toString());
        assertThat(appointments.find(doctorOf(doctor), appointment).doctorId()).isEqualTo(doctor.toString());
        assertThat(appointments.find(doctorOf(doctor), appointment).status()).isEqualTo(AppointmentStatus.ACCEPTED);
        for (Actor stranger : List.of(patientOf(otherPatient), doctorOf(otherDoctor),
                new Actor(doctor.value(), Role.PATIENT), new Actor(patient.value(), Role.DOCTOR),
                new Actor(patient.value(), Role.ADMIN), new Actor(patient.value(), Role.AUDITOR))) {
            assertThatThrownBy(() -> appointments.find(stranger, appointment)).isInstanceOf(NotFoundException.class);
        }
        assertThatThrownBy(() -> appointments.find(patientOf(patient), AppointmentId.random().toString()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void the_status_filter_keeps_only_that_status_within_the_callers_own() {
        String pending = requested(doctor, patient, at(0));
        String accepted = accepted(doctor, patient, at(1));
        String rejected = rejected(doctor, patient, at(2));
        String cancelled = cancelled(doctor, patient, at(3));
        String othersAccepted = accepted(doctor, otherPatient, at(4));
        accepted(otherDoctor, patient, at(5));

        assertThat(ids(patientOf(patient), AppointmentStatus.REQUESTED, ANY_TIME)).containsExactly(pending);
        assertThat(ids(patientOf(patient), AppointmentStatus.REJECTED, ANY_TIME)).containsExactly(rejected);
        assertThat(ids(patientOf(patient), AppointmentStatus.CANCELLED, ANY_TIME)).containsExactly(cancelled);
        assertThat(ids(doctorOf(doctor), AppointmentStatus.ACCEPTED, ANY_TIME)).containsExactly(accepted, othersAccepted);
        assertThat(ids(patientOf(otherPatient), AppointmentStatus.REQUESTED, ANY_TIME)).isEmpty();
    }

    @Test
    void the_date_window_includes_its_start_and_excludes_its_end() {
        String before = requested(doctor, patient, at(-1));
        String atFrom = requested(doctor, patient, at(0));
        String inside = requested(doctor, patient, at(5));
        String atTo = requested(doctor, patient, at(24));

        assertThat(ids(patientOf(patient), null, new QueryParameters.Window(at(0), at(24))))
                .containsExactly(atFrom, inside);
        assertThat(ids(patientOf(patient), null, new QueryParameters.Window(at(0), null)))
                .containsExactly(atFrom, inside, atTo);
        assertThat(ids(patientOf(patient), null, new QueryParameters.Window(null, at(5))))
                .containsExactly(before, atFrom);
        assertThat(ids(doctorOf(doctor), AppointmentStatus.REQUESTED, new QueryParameters.Window(at(1), at(25))))
                .containsExactly(inside, atTo);
        assertThat(appointments.list(patientOf(patient), null, new QueryParameters.Window(at(1), at(5)), 0, 50)
                .totalElements()).isZero();
    }

    @Test
    void a_doctor_sees_pending_requests_first_while_a_patient_sees_everything_by_time() {
        String acceptedEarly = accepted(doctor, patient, at(0));
        String pendingLate = requested(doctor, otherPatient, at(6));
        String rejectedMid = rejected(doctor, patient, at(2));
        String pendingMid = requested(doctor, patient, at(4));
        String cancelledLate = cancelled(doctor, otherPatient, at(8));

        assertThat(ids(doctorOf(doctor), null, ANY_TIME))
                .containsExactly(pendingMid, pendingLate, acceptedEarly, rejectedMid, cancelledLate);
        assertThat(ids(patientOf(patient), null, ANY_TIME)).containsExactly(acceptedEarly, rejectedMid, pendingMid);

        feeder.feed(now, new AppointmentAcceptedEvent(AppointmentId.of(pendingMid), doctor, patient));
        assertThat(ids(doctorOf(doctor), null, ANY_TIME))
                .containsExactly(pendingLate, acceptedEarly, rejectedMid, pendingMid, cancelledLate);
    }

    @Test
    void pages_follow_the_order_and_the_total_counts_every_match() {
        List<String> pending = List.of(requested(doctor, patient, at(3)), requested(doctor, otherPatient, at(4)));
        List<String> decided = List.of(accepted(doctor, patient, at(0)), rejected(doctor, otherPatient, at(1)),
                accepted(doctor, patient, at(2)));
        requested(otherDoctor, patient, at(5));

        Actor doctorActor = doctorOf(doctor);
        Appointments.Page first = appointments.list(doctorActor, null, ANY_TIME, 0, 2);
        Appointments.Page second = appointments.list(doctorActor, null, ANY_TIME, 1, 2);
        Appointments.Page third = appointments.list(doctorActor, null, ANY_TIME, 2, 2);
        Appointments.Page beyond = appointments.list(doctorActor, null, ANY_TIME, 3, 2);

        assertThat(ids(first)).containsExactlyElementsOf(pending);
        assertThat(ids(second)).containsExactly(decided.get(0), decided.get(1));
        assertThat(ids(third)).containsExactly(decided.get(2));
        assertThat(ids(beyond)).isEmpty();
        assertThat(List.of(first, second, third, beyond)).extracting(Appointments.Page::totalElements)
                .containsOnly(5L);

        Appointments.Page filtered = appointments.list(patientOf(patient), AppointmentStatus.ACCEPTED, ANY_TIME, 0, 1);
        assertThat(ids(filtered)).containsExactly(decided.get(0));
        assertThat(filtered.totalElements()).isEqualTo(2);
    }

    @Test
    void a_doctor_learns_the_patient_of_their_own_appointments_only() {
        String mine = requested(doctor, patient, at(0));
        String alsoMine = accepted(doctor, otherPatient, at(1));
        String notMine = requested(otherDoctor, otherPatient, at(2));

        List<String> asked = List.of(mine, alsoMine, notMine, AppointmentId.random().toString());
        assertThat(appointments.patientsOf(doctor.toString(), asked))
                .isEqualTo(Map.of(mine, patient.toString(), alsoMine, otherPatient.toString()));
        assertThat(appointments.patientsOf(doctor.toString(), List.of())).isEmpty();
    }
}
