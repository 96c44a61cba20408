package br.com.healthmed.command.appointment;

import br.com.healthmed.api.appointment.AppointmentAcceptedEvent;
import br.com.healthmed.api.appointment.AppointmentCancelledEvent;
import br.com.healthmed.api.appointment.AppointmentCompletedEvent;
import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.appointment.AppointmentRequestedEvent;
import br.com.healthmed.api.appointment.AppointmentRescheduledEvent;
import br.com.healthmed.api.appointment.AppointmentStatus;
import br.com.healthmed.api.appointment.JoinConsultationCommand;
import br.com.healthmed.api.common.AuditMetadata;
import br.com.healthmed.api.appointment.ConsultationConsentRecordedEvent;
import br.com.healthmed.api.appointment.ConsultationEndedEvent;
import br.com.healthmed.api.appointment.ConsultationStartedEvent;
import br.com.healthmed.api.appointment.ParticipantJoinedEvent;
import br.com.healthmed.api.appointment.ParticipantLeftEvent;
import br.com.healthmed.api.common.Money;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.patient.PatientId;
import br.com.healthmed.api.schedule.SlotId;
import br.com.healthmed.command.shared.Caller;
import br.com.healthmed.command.support.InMemoryPersonalDataVault;
import br.com.healthmed.testing.MovableClock;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MetaData;
import org.hamcrest.Description;
import org.hamcrest.TypeSafeMatcher;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.deadline.StubDeadlineManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static br.com.healthmed.command.support.DomainTesting.inHours;

/** The video room of an appointment (issue 11): who enters, when, after what consent, and what is recorded. */
class ConsultationTest {

    private static final ConsultationWindow WINDOW = new ConsultationWindow(Duration.ofMinutes(10), Duration.ofMinutes(30));

    private final InMemoryPersonalDataVault vault = new InMemoryPersonalDataVault();
    /** For the rules invoked directly; the commands below schedule on the fixture's own deadline manager. */
    private final StubDeadlineManager deadlines = new StubDeadlineManager();
    private final AppointmentId appointmentId = AppointmentId.random();
    private final DoctorId doctorId = DoctorId.random();
    private final PatientId patientId = PatientId.random();
    private final SlotId slotId = SlotId.random();
    private final Instant start = inHours(24);
    private final Instant end = start.plus(Duration.ofMinutes(30));
    private final Caller doctor = new Caller(doctorId.value(), Role.DOCTOR);
    private final Caller patient = new Caller(patientId.value(), Role.PATIENT);
    private FixtureConfiguration<Appointment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Appointment.class);
    }

    private AppointmentRequestedEvent requested() {
        return new AppointmentRequestedEvent(appointmentId, doctorId, patientId, slotId, start, end, Money.brl("200.00"));
    }

    private AppointmentAcceptedEvent accepted() {
        return new AppointmentAcceptedEvent(appointmentId, doctorId, patientId);
    }

    private ConsultationConsentRecordedEvent consented() {
        return new ConsultationConsentRecordedEvent(appointmentId, patientId);
    }

    private ConsultationStartedEvent started() {
        return new ConsultationStartedEvent(appointmentId, doctorId, patientId);
    }

    private ParticipantJoinedEvent joined(Role role) {
        return new ParticipantJoinedEvent(appointmentId, role);
    }

    private String id() {
        return appointmentId.toString();
    }

    @Nested
    class Consent {

        @Test
        void the_patient_records_consent_for_an_accepted_appointment() {
            fixture.given(requested(), accepted())
                    .whenInvoking(id(), a -> a.recordConsultationConsent(patient))
                    .expectEvents(consented());
        }

        @Test
        void consent_given_twice_is_recorded_once() {
            fixture.given(requested(), accepted(), consented())
                    .whenInvoking(id(), a -> a.recordConsultationConsent(patient))
                    .expectNoEvents();
        }

        @Test
        void the_doctor_cannot_consent_for_the_patient() {
            fixture.given(requested(), accepted())
                    .whenInvoking(id(), a -> a.recordConsultationConsent(doctor))
                    .expectException(AppointmentNotFoundException.class)
                    .expectNoEvents();
        }

        @Test
        void a_request_not_yet_accepted_has_no_room_to_consent_to() {
            fixture.given(requested())
                    .whenInvoking(id(), a -> a.recordConsultationConsent(patient))
                    .expectException(ConsultationUnavailableException.class);
        }
    }

    @Nested
    class Window {

        @Test
        void the_doctor_enters_ten_minutes_before_the_start_and_starts_the_consultation() {
            fixture.given(requested(), accepted())
                    .whenInvoking(id(), a -> a.join(doctor, start.minus(Duration.ofMinutes(10)), WINDOW, deadlines))
                    .expectEvents(started(), joined(Role.DOCTOR));
        }

        @Test
        void a_moment_earlier_the_room_is_not_open() {
            fixture.given(requested(), accepted())
                    .whenInvoking(id(), a -> a.join(doctor, start.minus(Duration.ofMinutes(10)).minusMillis(1), WINDOW, deadlines))
                    .expectException(ConsultationRoomNotOpenException.class)
                    .expectNoEvents();
        }

        @Test
        void the_room_admits_until_thirty_minutes_after_the_end() {
            fixture.given(requested(), accepted(), consented())
                    .whenInvoking(id(), a -> a.join(patient, end.plus(Duration.ofMinutes(30)).minusMillis(1), WINDOW, deadlines))
                    .expectEvents(started(), joined(Role.PATIENT));
        }

        @Test
        void thirty_minutes_after_the_end_the_room_is_closed() {
            fixture.given(requested(), accepted(), consented())
                    .whenInvoking(id(), a -> a.join(patient, end.plus(Duration.ofMinutes(30)), WINDOW, deadlines))
                    .expectException(ConsultationRoomClosedException.class)
                    .expectNoEvents();
        }

        @Test
        void the_window_is_configurable() {
            ConsultationWindow wide = new ConsultationWindow(Duration.ofHours(25), Duration.ZERO);
            fixture.given(requested(), accepted())
                    .whenInvoking(id(), a -> a.join(doctor, start.minus(Duration.ofHours(25)), wide, deadlines))
                    .expectEvents(started(), joined(Role.DOCTOR));
        }

        @Test
        void an_appointment_completed_by_its_time_keeps_its_room_until_it_closes() {
            fixture.given(requested(), accepted(), started(), joined(Role.DOCTOR),
                            new AppointmentCompletedEvent(appointmentId, doctorId, patientId))
                    .whenInvoking(id(), a -> a.join(doctor, end.plus(Duration.ofMinutes(5)), WINDOW, deadlines))
                    .expectEvents(joined(Role.DOCTOR));
        }
    }

    @Nested
    class Admission {

        @Test
        void the_patient_needs_consent_before_the_first_join() {
            fixture.given(requested(), accepted())
                    .whenInvoking(id(), a -> a.join(patient, start, WINDOW, deadlines))
                    .expectException(ConsultationConsentRequiredException.class)
                    .expectNoEvents();
        }

        @Test
        void the_second_party_joins_the_started_consultation() {
            fixture.given(requested(), accepted(), consented(), started(), joined(Role.DOCTOR))
                    .whenInvoking(id(), a -> a.join(patient, start, WINDOW, deadlines))
                    .expectEvents(joined(Role.PATIENT));
        }

        @Test
        void a_participant_who_dropped_rejoins_and_continues() {
            fixture.given(requested(), accepted(), consented(), started(), joined(Role.DOCTOR), joined(Role.PATIENT),
                            new ParticipantLeftEvent(appointmentId, Role.PATIENT))
                    .whenInvoking(id(), a -> a.join(patient, start.plus(Duration.ofMinutes(5)), WINDOW, deadlines))
                    .expectEvents(joined(Role.PATIENT));
        }

        @ParameterizedTest
        @EnumSource(Role.class)
        void nobody_else_enters_in_any_role(Role role) {
            Caller stranger = new Caller(UUID.randomUUID(), role);
            fixture.given(requested(), accepted(), consented())
                    .whenInvoking(id(), a -> a.join(stranger, start, WINDOW, deadlines))
                    .expectException(AppointmentNotFoundException.class)
                    .expectNoEvents();
        }

        @Test
        void the_doctors_id_with_the_patient_role_does_not_enter() {
            fixture.given(requested(), accepted(), consented())
                    .whenInvoking(id(), a -> a.join(new Caller(doctorId.value(), Role.PATIENT), start, WINDOW, deadlines))
                    .expectException(AppointmentNotFoundException.class);
        }

        @Test
        void the_patients_id_with_the_doctor_role_does_not_enter() {
            fixture.given(requested(), accepted(), consented())
                    .whenInvoking(id(), a -> a.join(new Caller(patientId.value(), Role.DOCTOR), start, WINDOW, deadlines))
                    .expectException(AppointmentNotFoundException.class);
        }

        @Test
        void a_cancelled_appointment_has_no_room() {
            fixture.given(requested(), accepted(), consented(), new AppointmentCancelledEvent(appointmentId, doctorId,
                            patientId, slotId, vault.seal(patientId.value(), "Precisei viajar de urgência"), Role.PATIENT))
                    .whenInvoking(id(), a -> a.join(patient, start, WINDOW, deadlines))
                    .expectException(ConsultationUnavailableException.class)
                    .expectNoEvents();
        }

        @Test
        void a_request_not_yet_accepted_has_no_room() {
            fixture.given(requested())
                    .whenInvoking(id(), a -> a.join(doctor, start, WINDOW, deadlines))
                    .expectException(ConsultationUnavailableException.class);
        }

        @Test
        void checking_admission_records_nothing() {
            fixture.given(requested(), accepted())
                    .whenInvoking(id(), a -> a.admit(doctor, start, WINDOW))
                    .expectNoEvents();
        }
    }

    @Nested
    class Leaving {

        @Test
        void leaving_is_recorded_with_the_party() {
            fixture.given(requested(), accepted(), started(), joined(Role.DOCTOR))
                    .whenInvoking(id(), a -> a.leave(doctor))
                    .expectEvents(new ParticipantLeftEvent(appointmentId, Role.DOCTOR));
        }

        @Test
        void a_connection_closing_after_the_end_records_nothing() {
            fixture.given(requested(), accepted(), started(), joined(Role.DOCTOR),
                            new ConsultationEndedEvent(appointmentId, doctorId, patientId, false))
                    .whenInvoking(id(), a -> a.leave(doctor))
                    .expectNoEvents();
        }
    }

    @Nested
    class Ending {

        @Test
        void a_consultation_both_attended_completes_the_appointment_when_the_doctor_ends_it() {
            fixture.given(requested(), accepted(), consented(), started(), joined(Role.DOCTOR), joined(Role.PATIENT))
                    .whenInvoking(id(), a -> a.endConsultation(doctor))
                    .expectEvents(new ConsultationEndedEvent(appointmentId, doctorId, patientId, true),
                            new AppointmentCompletedEvent(appointmentId, doctorId, patientId));
        }

        @Test
        void a_consultation_the_patient_never_joined_ends_without_completing_the_appointment() {
            fixture.given(requested(), accepted(), started(), joined(Role.DOCTOR))
                    .whenInvoking(id(), a -> a.endConsultation(doctor))
                    .expectEvents(new ConsultationEndedEvent(appointmentId, doctorId, patientId, false));
        }

        @Test
        void only_its_doctor_ends_it() {
            fixture.given(requested(), accepted(), consented(), started(), joined(Role.DOCTOR), joined(Role.PATIENT))
                    .whenInvoking(id(), a -> a.endConsultation(patient))
                    .expectException(AppointmentNotFoundException.class)
                    .expectNoEvents();
        }

        @Test
        void a_consultation_nobody_joined_cannot_end() {
            fixture.given(requested(), accepted())
                    .whenInvoking(id(), a -> a.endConsultation(doctor))
                    .expectException(ConsultationNotStartedException.class);
        }

        @Test
        void an_ended_consultation_closes_the_room() {
            fixture.given(requested(), accepted(), consented(), started(), joined(Role.DOCTOR), joined(Role.PATIENT),
                            new ConsultationEndedEvent(appointmentId, doctorId, patientId, true),
                            new AppointmentCompletedEvent(appointmentId, doctorId, patientId))
                    .whenInvoking(id(), a -> a.join(patient, start.plus(Duration.ofMinutes(20)), WINDOW, deadlines))
                    .expectException(ConsultationUnavailableException.class);
        }

        @Test
        void a_patient_who_entered_the_room_cannot_be_recorded_as_a_no_show() {
            fixture.given(requested(), accepted(), consented(), started(), joined(Role.PATIENT),
                            new AppointmentCompletedEvent(appointmentId, doctorId, patientId))
                    .whenInvoking(id(), a -> a.markNoShow(doctor, null, vault, end.plus(Duration.ofMinutes(40)),
                            Duration.ofHours(48)))
                    .expectException(NoShowNotAllowedException.class)
                    .expectNoEvents();
        }

        @Test
        void ending_twice_records_once() {
            fixture.given(requested(), accepted(), started(), joined(Role.DOCTOR),
                            new ConsultationEndedEvent(appointmentId, doctorId, patientId, false))
                    .whenInvoking(id(), a -> a.endConsultation(doctor))
                    .expectNoEvents();
        }
    }

    /**
     * Through the commands, with the fixture's clock and deadline manager: a started consultation nobody ends ends when
     * its room closes, and completes the appointment exactly as the doctor's end would.
     */
    @Nested
    class EndingWhenTheRoomCloses {

        private final ConsultationProperties room = new ConsultationProperties(Duration.ofMinutes(10), Duration.ofMinutes(30));
        private final Instant closesAt = end.plus(Duration.ofMinutes(30));
        private final MovableClock clock = new MovableClock(start);

        @BeforeEach
        void commandsOnTheFixture() {
            fixture.registerInjectableResource(room);
            fixture.registerAnnotatedCommandHandler(new ConsultationRoom(fixture.getRepository(), clock, room));
        }

        private CommandMessage<JoinConsultationCommand> join(Caller caller) {
            return new GenericCommandMessage<>(new JoinConsultationCommand(appointmentId), MetaData.emptyInstance())
                    .andMetaData(MetaData.with(AuditMetadata.USER_ID, caller.userId().toString())
                            .and(AuditMetadata.ROLE, caller.role().name()));
        }

        @Test
        void the_first_entry_asks_for_the_end_when_the_room_closes_in_the_systems_name() {
            fixture.given(requested(), accepted())
                    .andGivenCurrentTime(start)
                    .when(join(doctor).getPayload(), join(doctor).getMetaData())
                    .expectEvents(started(), joined(Role.DOCTOR))
                    .expectScheduledDeadline(closesAt, new Appointment.RoomClosesDue(appointmentId, closesAt))
                    .expectScheduledDeadlineMatching(closesAt, new TypeSafeMatcher<DeadlineMessage<?>>() {
                        @Override
                        protected boolean matchesSafely(DeadlineMessage<?> deadline) {
                            return AuditMetadata.SYSTEM_ROLE.equals(deadline.getMetaData().get(AuditMetadata.ROLE))
                                    && AuditMetadata.SYSTEM_USER.equals(deadline.getMetaData().get(AuditMetadata.USER_ID));
                        }

                        @Override
                        public void describeTo(Description description) {
                            description.appendText("a deadline by the system");
                        }
                    });
        }

        @Test
        void a_second_entry_joins_the_consultation_whose_end_is_already_asked_for() {
            fixture.given(requested(), accepted(), consented())
                    .andGivenCurrentTime(start)
                    .andGivenCommands(join(doctor))
                    .when(join(patient).getPayload(), join(patient).getMetaData())
                    .expectEvents(joined(Role.PATIENT))
                    .expectScheduledDeadlineMatching(closesAt, org.hamcrest.Matchers.anything());
        }

        @Test
        void a_consultation_both_attended_and_left_without_ending_ends_held_and_completes_the_appointment() {
            fixture.given(requested(), accepted(), consented())
                    .andGivenCurrentTime(start)
                    .andGivenCommands(join(doctor), join(patient))
                    .andGiven(new ParticipantLeftEvent(appointmentId, Role.PATIENT),
                            new ParticipantLeftEvent(appointmentId, Role.DOCTOR))
                    .whenTimeAdvancesTo(closesAt)
                    .expectEvents(new ConsultationEndedEvent(appointmentId, doctorId, patientId, true),
                            new AppointmentCompletedEvent(appointmentId, doctorId, patientId))
                    .expectEventsMatching(new TypeSafeMatcher<List<? super EventMessage<?>>>() {
                        @Override
                        protected boolean matchesSafely(List<? super EventMessage<?>> events) {
                            return events.stream().map(event -> ((EventMessage<?>) event).getMetaData())
                                    .allMatch(by -> AuditMetadata.SYSTEM_ROLE.equals(by.get(AuditMetadata.ROLE)));
                        }

                        @Override
                        public void describeTo(Description description) {
                            description.appendText("events recorded in the system's name");
                        }
                    })
                    .expectTriggeredDeadlinesWithName(Appointment.ROOM_CLOSES);
        }

        @Test
        void an_appointment_already_completed_by_its_time_records_only_the_end() {
            fixture.given(requested(), accepted(), consented())
                    .andGivenCurrentTime(start)
                    .andGivenCommands(join(doctor), join(patient))
                    .andGiven(new AppointmentCompletedEvent(appointmentId, doctorId, patientId))
                    .whenTimeAdvancesTo(closesAt)
                    .expectEvents(new ConsultationEndedEvent(appointmentId, doctorId, patientId, true));
        }

        @Test
        void a_consultation_the_patient_never_entered_ends_without_completing_anything() {
            fixture.given(requested(), accepted())
                    .andGivenCurrentTime(start)
                    .andGivenCommands(join(doctor))
                    .whenTimeAdvancesTo(closesAt)
                    .expectEvents(new ConsultationEndedEvent(appointmentId, doctorId, patientId, false));
        }

        @Test
        void nothing_ends_before_the_room_closes() {
            fixture.given(requested(), accepted(), consented())
                    .andGivenCurrentTime(start)
                    .andGivenCommands(join(doctor), join(patient))
                    .whenTimeAdvancesTo(closesAt.minusMillis(1))
                    .expectNoEvents();
        }

        @Test
        void a_consultation_the_doctor_ended_is_not_ended_again_when_the_room_closes() {
            fixture.given(requested(), accepted(), consented())
                    .andGivenCurrentTime(start)
                    .andGivenCommands(join(doctor), join(patient))
                    .andGiven(new ConsultationEndedEvent(appointmentId, doctorId, patientId, true),
                            new AppointmentCompletedEvent(appointmentId, doctorId, patientId))
                    .whenTimeAdvancesTo(closesAt)
                    .expectNoEvents();
        }

        @Test
        void moved_to_a_later_time_the_consultation_ends_when_the_new_room_closes() {
            SlotId later = SlotId.random();
            Instant newStart = start.plus(Duration.ofDays(1));
            Instant newEnd = newStart.plus(Duration.ofMinutes(30));
            Instant newClosesAt = newEnd.plus(Duration.ofMinutes(30));
            fixture.given(requested(), accepted())
                    .andGivenCurrentTime(start.minus(Duration.ofMinutes(5)))
                    .andGivenCommands(join(doctor))
                    .andGiven(new AppointmentRescheduledEvent(appointmentId, doctorId, patientId, slotId, start, end,
                            later, newStart, newEnd, AppointmentStatus.ACCEPTED, Role.DOCTOR))
                    .whenTimeAdvancesTo(closesAt)
                    .expectNoEvents()
                    .expectScheduledDeadline(newClosesAt, new Appointment.RoomClosesDue(appointmentId, newClosesAt));
        }
    }
}
