package br.com.healthmed.command.appointment;

import br.com.healthmed.api.appointment.AppointmentAcceptedEvent;
import br.com.healthmed.api.appointment.AppointmentCancelledEvent;
import br.com.healthmed.api.appointment.AppointmentCompletedEvent;
import br.com.healthmed.api.appointment.AppointmentExpiredEvent;
import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.appointment.AppointmentRejectedEvent;
import br.com.healthmed.api.appointment.AppointmentReminderDueEvent;
import br.com.healthmed.api.appointment.AppointmentRequestedEvent;
import br.com.healthmed.api.appointment.AppointmentRescheduledEvent;
import br.com.healthmed.api.appointment.AppointmentStatus;
import br.com.healthmed.api.appointment.CompleteAppointmentCommand;
import br.com.healthmed.api.appointment.ExpireAppointmentCommand;
import br.com.healthmed.api.common.Money;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.patient.PatientId;
import br.com.healthmed.api.privacy.Sealed;
import br.com.healthmed.api.schedule.SlotId;
import br.com.healthmed.command.appointment.AppointmentLifecycle.AppointmentEndDue;
import br.com.healthmed.command.appointment.AppointmentLifecycle.ReminderDue;
import br.com.healthmed.command.appointment.AppointmentLifecycle.RequestExpiryDue;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static br.com.healthmed.command.support.DomainTesting.BOOKING;
import static br.com.healthmed.command.support.DomainTesting.LIFECYCLE;
import static br.com.healthmed.command.support.DomainTesting.NOW;

/** The appointment's deadlines, with the fixture's clock standing in for time passing. */
class AppointmentLifecycleTest {

    private final AppointmentId appointmentId = AppointmentId.random();
    private final DoctorId doctorId = DoctorId.random();
    private final PatientId patientId = PatientId.random();
    private final SlotId slotId = SlotId.random();
    private SagaTestFixture<AppointmentLifecycle> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(AppointmentLifecycle.class);
        fixture.registerResource(LIFECYCLE);
        fixture.registerResource(BOOKING);
        fixture.givenCurrentTime(NOW);
    }

    private AppointmentRequestedEvent requestedFor(Instant start) {
        return new AppointmentRequestedEvent(appointmentId, doctorId, patientId, slotId, start,
                start.plus(Duration.ofMinutes(30)), Money.brl("250.00"));
    }

    private AppointmentRequestedEvent requestedInThreeDays() {
        return requestedFor(NOW.plus(Duration.ofDays(3)));
    }

    private Sealed sealed() {
        return Sealed.of("sealed:v1:" + patientId.value() + ":AAAABBBB");
    }

    @Test
    void a_request_is_due_to_expire_after_the_configured_wait() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(requestedInThreeDays())
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(LIFECYCLE.requestExpiry(), AppointmentLifecycle.REQUEST_EXPIRY);
    }

    @Test
    void a_request_close_to_its_start_expires_when_the_minimum_notice_begins() {
        Instant start = NOW.plus(Duration.ofHours(5));

        fixture.givenNoPriorActivity()
                .whenPublishingA(requestedFor(start))
                .expectScheduledDeadline(Duration.ofHours(3), new RequestExpiryDue(appointmentId, start));
    }

    @Test
    void when_the_wait_runs_out_the_lifecycle_asks_to_expire_the_request() {
        fixture.givenAPublished(requestedInThreeDays())
                .whenTimeElapses(LIFECYCLE.requestExpiry())
                .expectTriggeredDeadlinesWithName(AppointmentLifecycle.REQUEST_EXPIRY)
                .expectDispatchedCommands(new ExpireAppointmentCommand(appointmentId, NOW.plus(Duration.ofDays(3))));
    }

    @Test
    void nothing_is_asked_a_moment_before_the_wait_runs_out() {
        fixture.givenAPublished(requestedInThreeDays())
                .whenTimeElapses(LIFECYCLE.requestExpiry().minusSeconds(1))
                .expectNoDispatchedCommands();
    }

    @Test
    void acceptance_cancels_the_expiry_and_schedules_the_end() {
        fixture.givenAPublished(requestedInThreeDays())
                .whenPublishingA(new AppointmentAcceptedEvent(appointmentId, doctorId, patientId))
                .expectNoScheduledDeadlineWithName(LIFECYCLE.requestExpiry(), AppointmentLifecycle.REQUEST_EXPIRY)
                .expectScheduledDeadline(Duration.ofDays(3).plusMinutes(30), new AppointmentEndDue(appointmentId));
    }

    @Test
    void an_accepted_appointment_is_completed_when_it_ends_and_never_expires() {
        fixture.givenAPublished(requestedInThreeDays())
                .andThenAPublished(new AppointmentAcceptedEvent(appointmentId, doctorId, patientId))
                .whenTimeElapses(Duration.ofDays(3).plusMinutes(30))
                .expectTriggeredDeadlinesWithName(AppointmentLifecycle.REMINDER, AppointmentLifecycle.REMINDER,
                        AppointmentLifecycle.APPOINTMENT_END)
                .expectDispatchedCommands(new CompleteAppointmentCommand(appointmentId));
    }

    @Test
    void an_accepted_appointment_reminds_its_patient_24_and_2_hours_before() {
        fixture.givenAPublished(requestedInThreeDays())
                .whenPublishingA(new AppointmentAcceptedEvent(appointmentId, doctorId, patientId))
                .expectScheduledDeadline(Duration.ofDays(2), new ReminderDue(appointmentId, doctorId, patientId,
                        Duration.ofHours(24)))
                .expectScheduledDeadline(Duration.ofDays(3).minusHours(2), new ReminderDue(appointmentId, doctorId,
                        patientId, Duration.ofHours(2)));
    }

    @Test
    void a_reminder_that_falls_due_is_published_for_the_notifications() {
        fixture.givenAPublished(requestedInThreeDays())
                .andThenAPublished(new AppointmentAcceptedEvent(appointmentId, doctorId, patientId))
                .whenTimeElapses(Duration.ofDays(2))
                .expectTriggeredDeadlinesWithName(AppointmentLifecycle.REMINDER)
                .expectPublishedEvents(new AppointmentReminderDueEvent(appointmentId, doctorId, patientId,
                        Duration.ofHours(24)));
    }

    @Test
    void an_appointment_accepted_three_hours_before_gets_only_the_two_hour_reminder() {
        fixture.givenAPublished(requestedFor(NOW.plus(Duration.ofHours(3))))
                .whenPublishingA(new AppointmentAcceptedEvent(appointmentId, doctorId, patientId))
                .expectScheduledDeadline(Duration.ofHours(1), new ReminderDue(appointmentId, doctorId, patientId,
                        Duration.ofHours(2)))
                .expectNoScheduledDeadline(Duration.ofHours(-21), new ReminderDue(appointmentId, doctorId, patientId,
                        Duration.ofHours(24)));
    }

    @Test
    void a_cancelled_appointment_gets_no_reminder() {
        fixture.givenAPublished(requestedInThreeDays())
                .andThenAPublished(new AppointmentAcceptedEvent(appointmentId, doctorId, patientId))
                .andThenAPublished(new AppointmentCancelledEvent(appointmentId, doctorId, patientId, slotId, sealed(),
                        Role.DOCTOR))
                .whenTimeElapses(Duration.ofDays(3))
                .expectNoScheduledDeadlines()
                .expectPublishedEvents();
    }

    @Test
    void a_rejected_request_leaves_no_deadline_behind() {
        fixture.givenAPublished(requestedInThreeDays())
                .whenPublishingA(new AppointmentRejectedEvent(appointmentId, doctorId, patientId, slotId, sealed()))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void a_cancelled_appointment_leaves_no_deadline_behind() {
        fixture.givenAPublished(requestedInThreeDays())
                .andThenAPublished(new AppointmentAcceptedEvent(appointmentId, doctorId, patientId))
                .whenPublishingA(new AppointmentCancelledEvent(appointmentId, doctorId, patientId, slotId, sealed(),
                        Role.PATIENT))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void expiry_and_completion_end_the_lifecycle() {
        fixture.givenAPublished(requestedInThreeDays())
                .whenPublishingA(new AppointmentExpiredEvent(appointmentId, doctorId, patientId, slotId))
                .expectActiveSagas(0);

        fixture = new SagaTestFixture<>(AppointmentLifecycle.class);
        fixture.registerResource(LIFECYCLE);
        fixture.registerResource(BOOKING);
        fixture.givenCurrentTime(NOW);
        fixture.givenAPublished(requestedInThreeDays())
                .andThenAPublished(new AppointmentAcceptedEvent(appointmentId, doctorId, patientId))
                .whenPublishingA(new AppointmentCompletedEvent(appointmentId, doctorId, patientId))
                .expectActiveSagas(0);
    }
    private AppointmentRescheduledEvent movedTo(Instant newStart, AppointmentStatus status, Role by) {
        Instant oldStart = NOW.plus(Duration.ofDays(3));
        return new AppointmentRescheduledEvent(appointmentId, doctorId, patientId, slotId, oldStart,
                oldStart.plus(Duration.ofMinutes(30)), SlotId.random(), newStart, newStart.plus(Duration.ofMinutes(30)),
                status, by);
    }

    @Test
    void a_request_moved_by_its_patient_expires_counting_from_the_move_and_not_at_the_old_deadline() throws Exception {
        Instant newStart = NOW.plus(Duration.ofDays(5));

        fixture.givenAPublished(requestedInThreeDays())
                .andThenTimeElapses(Duration.ofHours(20))
                .andThenAPublished(movedTo(newStart, AppointmentStatus.REQUESTED, Role.PATIENT))
                .whenTimeElapses(Duration.ofHours(23))
                .expectNoDispatchedCommands()
                .expectScheduledDeadline(Duration.ofHours(1), new RequestExpiryDue(appointmentId, newStart))
                .expectNoScheduledDeadlineWithName(Duration.ofHours(-19), AppointmentLifecycle.REQUEST_EXPIRY);
    }

    @Test
    void an_accepted_appointment_moved_by_its_doctor_gets_end_and_reminders_of_the_new_time_only() {
        Instant newStart = NOW.plus(Duration.ofDays(4));

        fixture.givenAPublished(requestedInThreeDays())
                .andThenAPublished(new AppointmentAcceptedEvent(appointmentId, doctorId, patientId))
                .whenPublishingA(movedTo(newStart, AppointmentStatus.ACCEPTED, Role.DOCTOR))
                .expectScheduledDeadline(Duration.ofDays(4).plusMinutes(30), new AppointmentEndDue(appointmentId))
                .expectScheduledDeadline(Duration.ofDays(3), new ReminderDue(appointmentId, doctorId, patientId,
                        Duration.ofHours(24)))
                .expectScheduledDeadline(Duration.ofDays(4).minusHours(2), new ReminderDue(appointmentId, doctorId,
                        patientId, Duration.ofHours(2)))
                .expectNoScheduledDeadline(Duration.ofDays(3).plusMinutes(30), new AppointmentEndDue(appointmentId))
                .expectNoScheduledDeadline(Duration.ofDays(2), new ReminderDue(appointmentId, doctorId, patientId,
                        Duration.ofHours(24)))
                .expectNoScheduledDeadlineWithName(LIFECYCLE.requestExpiry(), AppointmentLifecycle.REQUEST_EXPIRY);
    }

    @Test
    void the_old_times_deadlines_never_fire_after_a_move() {
        Instant newStart = NOW.plus(Duration.ofDays(6));

        fixture.givenAPublished(requestedInThreeDays())
                .andThenAPublished(new AppointmentAcceptedEvent(appointmentId, doctorId, patientId))
                .andThenAPublished(movedTo(newStart, AppointmentStatus.ACCEPTED, Role.DOCTOR))
                .whenTimeElapses(Duration.ofDays(5).plusHours(1))
                .expectNoDispatchedCommands()
                .expectPublishedEvents(new AppointmentReminderDueEvent(appointmentId, doctorId, patientId,
                        Duration.ofHours(24)))
                .expectTriggeredDeadlinesWithName(AppointmentLifecycle.REMINDER);
    }

    @Test
    void an_accepted_appointment_moved_by_its_patient_loses_its_reminders_and_awaits_the_doctor_again() {
        Instant newStart = NOW.plus(Duration.ofDays(4));

        fixture.givenAPublished(requestedInThreeDays())
                .andThenAPublished(new AppointmentAcceptedEvent(appointmentId, doctorId, patientId))
                .whenPublishingA(movedTo(newStart, AppointmentStatus.REQUESTED, Role.PATIENT))
                .expectScheduledDeadline(LIFECYCLE.requestExpiry(), new RequestExpiryDue(appointmentId, newStart))
                .expectNoScheduledDeadlineWithName(Duration.ofDays(4).plusMinutes(30), AppointmentLifecycle.APPOINTMENT_END)
                .expectNoScheduledDeadlineWithName(Duration.ofDays(3), AppointmentLifecycle.REMINDER)
                .expectNoScheduledDeadlineWithName(Duration.ofDays(2), AppointmentLifecycle.REMINDER);
    }

    @Test
    void acceptance_after_a_move_schedules_end_and_reminders_for_the_new_time() {
        Instant newStart = NOW.plus(Duration.ofDays(4));

        fixture.givenAPublished(requestedInThreeDays())
                .andThenAPublished(movedTo(newStart, AppointmentStatus.REQUESTED, Role.PATIENT))
                .whenPublishingA(new AppointmentAcceptedEvent(appointmentId, doctorId, patientId))
                .expectScheduledDeadline(Duration.ofDays(4).plusMinutes(30), new AppointmentEndDue(appointmentId))
                .expectNoScheduledDeadlineWithName(LIFECYCLE.requestExpiry(), AppointmentLifecycle.REQUEST_EXPIRY);
    }
}
