package br.com.healthmed.query.appointment;

import br.com.healthmed.api.appointment.AppointmentAcceptedEvent;
import br.com.healthmed.api.appointment.AppointmentCancelledEvent;
import br.com.healthmed.api.appointment.AppointmentCompletedEvent;
import br.com.healthmed.api.appointment.AppointmentExpiredEvent;
import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.appointment.AppointmentNoShowEvent;
import br.com.healthmed.api.appointment.AppointmentRejectedEvent;
import br.com.healthmed.api.appointment.AppointmentRescheduledEvent;
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
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppointmentProjectionTest {

    private final ReadModelFixture fixture = ReadModelFixture.onEmulator();
    private final Feeder feeder = new Feeder(new AppointmentProjection(fixture.mongo()));
    private final Appointments appointments = new Appointments(fixture.mongo());
    private final Instant requestedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final Instant start = requestedAt.plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.HOURS);
    private final DoctorId doctor = DoctorId.random();
    private final PatientId patient = PatientId.random();

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private AppointmentId request(SlotId slot, Instant at, Instant slotStart) {
        AppointmentId appointment = AppointmentId.random();
        feeder.feed(at, TestEvents.requested(appointment, doctor, patient, slot, slotStart, "180.00"));
        return appointment;
    }

    @Test
    void a_request_keeps_its_price_times_and_request_time_and_each_transition_its_own_time() {
        SlotId slot = SlotId.random();
        AppointmentId appointment = request(slot, requestedAt, start);
        Instant acceptedAt = requestedAt.plus(Duration.ofMinutes(5));
        Instant cancelledAt = requestedAt.plus(Duration.ofMinutes(9));
        var justification = fixture.keys().seal(patient.value(), "Viagem inesperada");
        feeder.feed(acceptedAt, new AppointmentAcceptedEvent(appointment, doctor, patient));
        feeder.feed(cancelledAt, new AppointmentCancelledEvent(appointment, doctor, patient, slot, justification, Role.PATIENT));

        AppointmentDocument found = fixture.mongo().findById(appointment.toString(), AppointmentDocument.class);
        assertThat(found).isEqualTo(new AppointmentDocument(appointment.toString(), doctor.toString(), patient.toString(),
                slot.toString(), start, start.plus(Duration.ofMinutes(30)), 18_000, AppointmentStatus.CANCELLED, 1,
                null, justification.value(), Role.PATIENT, requestedAt, acceptedAt, null, cancelledAt,
                null, null, null, null, null, null));
    }

    @Test
    void a_rescheduled_appointment_shows_its_new_slot_and_times_and_the_status_the_move_left() {
        SlotId slot = SlotId.random();
        AppointmentId appointment = request(slot, requestedAt, start);
        feeder.feed(requestedAt.plus(Duration.ofMinutes(5)), new AppointmentAcceptedEvent(appointment, doctor, patient));
        SlotId newSlot = SlotId.random();
        Instant newStart = start.plus(Duration.ofDays(1));
        Instant movedAt = requestedAt.plus(Duration.ofMinutes(20));
        feeder.feed(movedAt, new AppointmentRescheduledEvent(appointment, doctor, patient, slot, start,
                start.plus(Duration.ofMinutes(30)), newSlot, newStart, newStart.plus(Duration.ofMinutes(30)),
                AppointmentStatus.REQUESTED, Role.PATIENT));

        AppointmentDocument found = fixture.mongo().findById(appointment.toString(), AppointmentDocument.class);
        assertThat(found.slotId()).isEqualTo(newSlot.toString());
        assertThat(found.start()).isEqualTo(newStart);
        assertThat(found.end()).isEqualTo(newStart.plus(Duration.ofMinutes(30)));
        assertThat(found.status()).isEqualTo(AppointmentStatus.REQUESTED);
        assertThat(found.pending()).as("pending again, first in the doctor's list").isZero();
        assertThat(found.rescheduledAt()).isEqualTo(movedAt);
        assertThat(found.rescheduledBy()).isEqualTo(Role.PATIENT);
        var newDay = new QueryParameters.Window(newStart, newStart.plus(Duration.ofHours(1)));
        assertThat(appointments.list(new Actor(patient.value(), Role.PATIENT), null, newDay, 0, 10).appointments())
                .extracting(AppointmentDocument::id).containsExactly(appointment.toString());
    }

    @Test
    void expiry_completion_and_no_show_are_statuses_with_their_own_times_and_filters() {
        AppointmentId expired = request(SlotId.random(), requestedAt, start);
        Instant expiredAt = requestedAt.plus(Duration.ofHours(24));
        feeder.feed(expiredAt, new AppointmentExpiredEvent(expired, doctor, patient, SlotId.random()));
        AppointmentId completed = request(SlotId.random(), requestedAt, start.plus(Duration.ofHours(1)));
        feeder.feed(requestedAt, new AppointmentAcceptedEvent(completed, doctor, patient));
        Instant completedAt = start.plus(Duration.ofMinutes(90));
        feeder.feed(completedAt, new AppointmentCompletedEvent(completed, doctor, patient));
        AppointmentId noShow = request(SlotId.random(), requestedAt, start.plus(Duration.ofHours(2)));
        feeder.feed(requestedAt, new AppointmentAcceptedEvent(noShow, doctor, patient));
        Instant noShowAt = start.plus(Duration.ofHours(3));
        var reason = fixture.keys().seal(patient.value(), "Paciente não compareceu");
        feeder.feed(noShowAt, new AppointmentNoShowEvent(noShow, doctor, patient, reason));

        var all = new QueryParameters.Window(null, null);
        Actor doctorActor = new Actor(doctor.value(), Role.DOCTOR);
        assertThat(appointments.list(doctorActor, AppointmentStatus.EXPIRED, all, 0, 10).appointments())
                .singleElement().satisfies(found -> {
                    assertThat(found.id()).isEqualTo(expired.toString());
                    assertThat(found.expiredAt()).isEqualTo(expiredAt);
                    assertThat(found.pending()).isEqualTo(1);
                });
        assertThat(appointments.list(doctorActor, AppointmentStatus.COMPLETED, all, 0, 10).appointments())
                .singleElement().satisfies(found -> assertThat(found.completedAt()).isEqualTo(completedAt));
        assertThat(appointments.list(doctorActor, AppointmentStatus.NO_SHOW, all, 0, 10).appointments())
                .singleElement().satisfies(found -> {
                    assertThat(found.noShowAt()).isEqualTo(noShowAt);
                    assertThat(found.noShowReason()).isEqualTo(reason.value());
                });
    }

    @Test
    void a_doctor_sees_pending_requests_first_and_a_patient_only_their_own() {
        AppointmentId accepted = request(SlotId.random(), requestedAt, start);
        feeder.feed(requestedAt, new AppointmentAcceptedEvent(accepted, doctor, patient));
        AppointmentId rejected = request(SlotId.random(), requestedAt, start.plus(Duration.ofHours(1)));
        feeder.feed(requestedAt, new AppointmentRejectedEvent(rejected, doctor, patient, SlotId.random(),
                fixture.keys().seal(patient.value(), "Fora da especialidade")));
        AppointmentId pending = request(SlotId.random(), requestedAt, start.plus(Duration.ofHours(2)));
        AppointmentId someoneElses = AppointmentId.random();
        feeder.feed(requestedAt, TestEvents.requested(someoneElses, doctor, PatientId.random(), SlotId.random(),
                start.plus(Duration.ofHours(3)), "180.00"));

        var all = new QueryParameters.Window(null, null);
        var doctorsView = appointments.list(new Actor(doctor.value(), Role.DOCTOR), null, all, 0, 10);
        assertThat(doctorsView.appointments()).extracting(AppointmentDocument::id).containsExactly(
                pending.toString(), someoneElses.toString(), accepted.toString(), rejected.toString());

        Actor patientActor = new Actor(patient.value(), Role.PATIENT);
        var patientsView = appointments.list(patientActor, null, all, 0, 10);
        assertThat(patientsView.appointments()).extracting(AppointmentDocument::id).containsExactly(
                accepted.toString(), rejected.toString(), pending.toString());
        assertThat(patientsView.totalElements()).isEqualTo(3);
        assertThat(appointments.list(patientActor, AppointmentStatus.REJECTED, all, 0, 10).appointments())
                .extracting(AppointmentDocument::id).containsExactly(rejected.toString());
        var firstHour = new QueryParameters.Window(start, start.plus(Duration.ofMinutes(90)));
        assertThat(appointments.list(patientActor, null, firstHour, 0, 10).appointments())
                .extracting(AppointmentDocument::id).containsExactly(accepted.toString(), rejected.toString());
        assertThatThrownBy(() -> appointments.find(patientActor, someoneElses.toString()))
                .isInstanceOf(NotFoundException.class);
    }
}
