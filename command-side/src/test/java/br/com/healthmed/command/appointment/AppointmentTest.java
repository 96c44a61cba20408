package br.com.healthmed.command.appointment;

import br.com.healthmed.api.appointment.AppointmentAcceptedEvent;
import br.com.healthmed.api.appointment.AppointmentCancelledEvent;
import br.com.healthmed.api.appointment.AppointmentCompletedEvent;
import br.com.healthmed.api.appointment.AppointmentExpiredEvent;
import br.com.healthmed.api.appointment.AppointmentNoShowEvent;
import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.appointment.AppointmentRejectedEvent;
import br.com.healthmed.api.appointment.AppointmentRequestedEvent;
import br.com.healthmed.api.appointment.AppointmentRescheduledEvent;
import br.com.healthmed.api.appointment.AppointmentStatus;
import br.com.healthmed.api.common.Justification;
import br.com.healthmed.api.common.Money;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.common.TimeRange;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.patient.PatientId;
import br.com.healthmed.api.privacy.Sealed;
import br.com.healthmed.api.schedule.SlotId;
import br.com.healthmed.command.doctor.HeldSlot;
import br.com.healthmed.command.shared.Caller;
import br.com.healthmed.command.support.InMemoryPersonalDataVault;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static br.com.healthmed.command.support.DomainTesting.LIFECYCLE;
import static br.com.healthmed.command.support.DomainTesting.NOW;
import static br.com.healthmed.command.support.DomainTesting.inHours;
import static br.com.healthmed.command.support.Satisfies.eventPayloads;
import static org.assertj.core.api.Assertions.assertThat;

class AppointmentTest {

    private static final Money PRICE = Money.brl("250.00");
    private static final Justification JUSTIFICATION = Justification.of("Tive um imprevisto no trabalho", "justification");

    private final InMemoryPersonalDataVault vault = new InMemoryPersonalDataVault();
    private final AppointmentId appointmentId = AppointmentId.random();
    private final DoctorId doctorId = DoctorId.random();
    private final PatientId patientId = PatientId.random();
    private final SlotId slotId = SlotId.random();
    private final TimeRange time = new TimeRange(inHours(24), inHours(24).plusSeconds(1800));
    private final Caller doctor = new Caller(doctorId.value(), Role.DOCTOR);
    private final Caller patient = new Caller(patientId.value(), Role.PATIENT);
    private FixtureConfiguration<Appointment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Appointment.class);
    }

    private AppointmentRequestedEvent requested() {
        return new AppointmentRequestedEvent(appointmentId, doctorId, patientId, slotId, time.start(), time.end(), PRICE);
    }

    private AppointmentAcceptedEvent accepted() {
        return new AppointmentAcceptedEvent(appointmentId, doctorId, patientId);
    }

    private AppointmentCancelledEvent cancelled() {
        return new AppointmentCancelledEvent(appointmentId, doctorId, patientId, slotId,
                vault.seal(patientId.value(), JUSTIFICATION.text()), Role.PATIENT);
    }

    private AppointmentRejectedEvent rejected() {
        return new AppointmentRejectedEvent(appointmentId, doctorId, patientId, slotId,
                vault.seal(patientId.value(), "Agenda indisponível"));
    }

    private String id() {
        return appointmentId.toString();
    }

    private void assertSealedForThePatient(Sealed sealed, String text) {
        assertThat(sealed.subject()).isEqualTo(patientId.value());
        assertThat(vault.text(sealed)).isEqualTo(text);
    }

    @Test
    void a_request_records_the_slot_its_time_and_the_quoted_price() {
        fixture.givenNoPriorActivity()
                .whenConstructing(() -> {
                    Appointment appointment = new Appointment();
                    appointment.request(appointmentId, doctorId, patientId, slotId, new HeldSlot(time, PRICE));
                    return appointment;
                })
                .expectEvents(requested());
    }

    @Test
    void an_existing_appointment_cannot_be_requested_again() {
        fixture.given(requested())
                .whenInvoking(id(), appointment -> appointment.request(appointmentId, doctorId, patientId, slotId,
                        new HeldSlot(time, PRICE)))
                .expectException(AppointmentAlreadyExistsException.class)
                .expectNoEvents();
    }

    @Nested
    class Accepting {

        @Test
        void its_doctor_accepts_a_requested_appointment() {
            fixture.given(requested())
                    .whenInvoking(id(), appointment -> appointment.accept(doctor, NOW))
                    .expectEvents(accepted());
        }

        @Test
        void a_second_accept_is_rejected() {
            fixture.given(requested(), accepted())
                    .whenInvoking(id(), appointment -> appointment.accept(doctor, NOW))
                    .expectException(AppointmentNotPendingException.class)
                    .expectNoEvents();
        }

        @Test
        void an_accept_after_a_cancel_is_rejected() {
            fixture.given(requested(), cancelled())
                    .whenInvoking(id(), appointment -> appointment.accept(doctor, NOW))
                    .expectException(AppointmentNotPendingException.class);
        }

        @Test
        void an_accept_after_a_rejection_is_rejected() {
            fixture.given(requested(), rejected())
                    .whenInvoking(id(), appointment -> appointment.accept(doctor, NOW))
                    .expectException(AppointmentNotPendingException.class);
        }

        @Test
        void another_doctor_gets_not_found() {
            fixture.given(requested())
                    .whenInvoking(id(), appointment -> appointment.accept(new Caller(UUID.randomUUID(), Role.DOCTOR), NOW))
                    .expectException(AppointmentNotFoundException.class);
        }

        @Test
        void its_patient_cannot_accept_and_gets_not_found() {
            fixture.given(requested())
                    .whenInvoking(id(), appointment -> appointment.accept(patient, NOW))
                    .expectException(AppointmentNotFoundException.class);
        }

        @Test
        void the_doctors_id_with_another_role_gets_not_found() {
            fixture.given(requested())
                    .whenInvoking(id(), appointment -> appointment.accept(new Caller(doctorId.value(), Role.ADMIN), NOW))
                    .expectException(AppointmentNotFoundException.class);
        }
    }

    @Nested
    class Rejecting {

        private final Justification reason = Justification.of("Agenda indisponível neste dia", "reason");

        @Test
        void its_doctor_rejects_a_requested_appointment_with_the_reason_sealed_for_the_patient() {
            fixture.given(requested())
                    .whenInvoking(id(), appointment -> appointment.reject(doctor, reason, vault))
                    .expectEventsMatching(eventPayloads(events -> assertThat(events).singleElement()
                            .isInstanceOfSatisfying(AppointmentRejectedEvent.class, event -> {
                                assertThat(event.appointmentId()).isEqualTo(appointmentId);
                                assertThat(event.slotId()).isEqualTo(slotId);
                                assertSealedForThePatient(event.reason(), "Agenda indisponível neste dia");
                            })));
        }

        @Test
        void an_accepted_appointment_cannot_be_rejected() {
            fixture.given(requested(), accepted())
                    .whenInvoking(id(), appointment -> appointment.reject(doctor, reason, vault))
                    .expectException(AppointmentNotPendingException.class)
                    .expectNoEvents();
        }

        @Test
        void a_cancelled_appointment_cannot_be_rejected() {
            fixture.given(requested(), cancelled())
                    .whenInvoking(id(), appointment -> appointment.reject(doctor, reason, vault))
                    .expectException(AppointmentNotPendingException.class);
        }

        @Test
        void anyone_but_its_doctor_gets_not_found() {
            fixture.given(requested())
                    .whenInvoking(id(), appointment -> appointment.reject(patient, reason, vault))
                    .expectException(AppointmentNotFoundException.class);
        }
    }

    /** The rules of a move, checked before any slot is touched, and the fact recorded once the slots have moved. */
    @Nested
    class Rescheduling {

        private final SlotId newSlot = SlotId.random();
        private final TimeRange newTime = new TimeRange(inHours(48), inHours(48).plusSeconds(1800));

        private Appointment.Rescheduling plan(Appointment appointment, Caller caller, Instant now) {
            return appointment.planReschedule(caller, doctorId, newSlot, now, LIFECYCLE.patientCancellationCutoff());
        }

        private AppointmentRescheduledEvent moved(AppointmentStatus status, Role by) {
            return new AppointmentRescheduledEvent(appointmentId, doctorId, patientId, slotId, time.start(), time.end(),
                    newSlot, newTime.start(), newTime.end(), status, by);
        }

        private void move(Appointment appointment, Caller caller) {
            appointment.reschedule(plan(appointment, caller, NOW), newSlot, newTime);
        }

        @Test
        void its_patient_moves_a_request_which_stays_requested() {
            fixture.given(requested())
                    .whenInvoking(id(), appointment -> move(appointment, patient))
                    .expectEvents(moved(AppointmentStatus.REQUESTED, Role.PATIENT));
        }

        @Test
        void its_patient_moves_an_accepted_appointment_which_is_requested_again() {
            fixture.given(requested(), accepted())
                    .whenInvoking(id(), appointment -> move(appointment, patient))
                    .expectEvents(moved(AppointmentStatus.REQUESTED, Role.PATIENT));
        }

        @Test
        void its_doctor_moves_an_accepted_appointment_which_stays_accepted() {
            fixture.given(requested(), accepted())
                    .whenInvoking(id(), appointment -> move(appointment, doctor))
                    .expectEvents(moved(AppointmentStatus.ACCEPTED, Role.DOCTOR));
        }

        @Test
        void its_doctor_cannot_move_a_request_but_rejects_it_instead() {
            fixture.given(requested())
                    .whenInvoking(id(), appointment -> move(appointment, doctor))
                    .expectException(RescheduleNotAllowedException.class)
                    .expectNoEvents();
        }

        @Test
        void a_final_appointment_does_not_move() {
            fixture.given(requested(), cancelled())
                    .whenInvoking(id(), appointment -> move(appointment, patient))
                    .expectException(RescheduleNotAllowedException.class);
            fixture.given(requested(), rejected())
                    .whenInvoking(id(), appointment -> move(appointment, patient))
                    .expectException(RescheduleNotAllowedException.class);
        }

        @Test
        void a_moved_appointment_is_at_its_new_slot_for_the_next_move_and_for_the_doctors_answer() {
            fixture.given(requested(), moved(AppointmentStatus.REQUESTED, Role.PATIENT))
                    .whenInvoking(id(), appointment -> {
                        assertThat(plan(appointment, patient, NOW).unchanged()).isTrue();
                        appointment.accept(doctor, NOW);
                    })
                    .expectEvents(accepted());
        }

        @Test
        void once_started_nobody_moves_it() {
            fixture.given(requested(), accepted())
                    .whenInvoking(id(), appointment -> plan(appointment, doctor, time.start()))
                    .expectException(AppointmentAlreadyStartedException.class);
        }

        @Test
        void its_patient_cannot_move_it_within_the_cancellation_cutoff_its_doctor_can() {
            Instant late = time.start().minus(LIFECYCLE.patientCancellationCutoff()).plusSeconds(1);
            fixture.given(requested(), accepted())
                    .whenInvoking(id(), appointment -> plan(appointment, patient, late))
                    .expectException(RescheduleTooLateException.class);
            fixture.given(requested(), accepted())
                    .whenInvoking(id(), appointment -> appointment.reschedule(plan(appointment, doctor, late), newSlot, newTime))
                    .expectEvents(moved(AppointmentStatus.ACCEPTED, Role.DOCTOR));
        }

        @Test
        void a_slot_of_another_doctor_is_refused() {
            fixture.given(requested())
                    .whenInvoking(id(), appointment -> appointment.planReschedule(patient, DoctorId.random(), newSlot,
                            NOW, LIFECYCLE.patientCancellationCutoff()))
                    .expectException(SlotNotOfSameDoctorException.class);
        }

        @Test
        void strangers_get_not_found() {
            fixture.given(requested())
                    .whenInvoking(id(), appointment -> plan(appointment, new Caller(UUID.randomUUID(), Role.PATIENT), NOW))
                    .expectException(AppointmentNotFoundException.class);
        }

        @Test
        void an_expiry_for_the_start_it_left_does_nothing_one_for_its_new_start_expires_it() {
            fixture.given(requested(), moved(AppointmentStatus.REQUESTED, Role.PATIENT))
                    .whenInvoking(id(), appointment -> assertThat(appointment.expire(time.start())).isFalse())
                    .expectNoEvents();
            fixture.given(requested(), moved(AppointmentStatus.REQUESTED, Role.PATIENT))
                    .whenInvoking(id(), appointment -> appointment.expire(newTime.start()))
                    .expectEvents(new AppointmentExpiredEvent(appointmentId, doctorId, patientId, newSlot));
        }
    }

    @Nested
    class Cancelling {

        @Test
        void its_patient_cancels_a_requested_appointment() {
            fixture.given(requested())
                    .whenInvoking(id(), appointment -> appointment.cancel(patient, JUSTIFICATION, vault, NOW, LIFECYCLE.patientCancellationCutoff()))
                    .expectEventsMatching(eventPayloads(events -> assertThat(events).singleElement()
                            .isInstanceOfSatisfying(AppointmentCancelledEvent.class, event -> {
                                assertThat(event.cancelledBy()).isEqualTo(Role.PATIENT);
                                assertThat(event.slotId()).isEqualTo(slotId);
                                assertSealedForThePatient(event.justification(), JUSTIFICATION.text());
                            })));
        }

        @Test
        void its_patient_cancels_an_accepted_appointment() {
            fixture.given(requested(), accepted())
                    .whenInvoking(id(), appointment -> appointment.cancel(patient, JUSTIFICATION, vault, NOW, LIFECYCLE.patientCancellationCutoff()))
                    .expectEventsMatching(eventPayloads(events -> assertThat(events).singleElement()
                            .isInstanceOfSatisfying(AppointmentCancelledEvent.class,
                                    event -> assertThat(event.cancelledBy()).isEqualTo(Role.PATIENT))));
        }

        @Test
        void its_doctor_cancels_an_accepted_appointment_and_the_justification_is_sealed_for_the_patient() {
            fixture.given(requested(), accepted())
                    .whenInvoking(id(), appointment -> appointment.cancel(doctor, JUSTIFICATION, vault, NOW, LIFECYCLE.patientCancellationCutoff()))
                    .expectEventsMatching(eventPayloads(events -> assertThat(events).singleElement()
                            .isInstanceOfSatisfying(AppointmentCancelledEvent.class, event -> {
                                assertThat(event.cancelledBy()).isEqualTo(Role.DOCTOR);
                                assertSealedForThePatient(event.justification(), JUSTIFICATION.text());
                            })));
        }

        @Test
        void its_doctor_cannot_cancel_a_request_that_is_still_pending() {
            fixture.given(requested())
                    .whenInvoking(id(), appointment -> appointment.cancel(doctor, JUSTIFICATION, vault, NOW, LIFECYCLE.patientCancellationCutoff()))
                    .expectException(AppointmentNotCancellableException.class)
                    .expectNoEvents();
        }

        @Test
        void a_cancelled_appointment_cannot_be_cancelled_again() {
            fixture.given(requested(), cancelled())
                    .whenInvoking(id(), appointment -> appointment.cancel(patient, JUSTIFICATION, vault, NOW, LIFECYCLE.patientCancellationCutoff()))
                    .expectException(AppointmentNotActiveException.class);
        }

        @Test
        void a_rejected_appointment_cannot_be_cancelled() {
            fixture.given(requested(), rejected())
                    .whenInvoking(id(), appointment -> appointment.cancel(patient, JUSTIFICATION, vault, NOW, LIFECYCLE.patientCancellationCutoff()))
                    .expectException(AppointmentNotActiveException.class);
        }

        @Test
        void an_appointment_cannot_be_cancelled_once_it_has_started() {
            Instant started = time.start();
            fixture.given(requested(), accepted())
                    .whenInvoking(id(), appointment -> appointment.cancel(patient, JUSTIFICATION, vault, started, LIFECYCLE.patientCancellationCutoff()))
                    .expectException(AppointmentAlreadyStartedException.class)
                    .expectNoEvents();
        }

        @Test
        void its_doctor_can_cancel_until_the_moment_it_starts() {
            Instant justBefore = time.start().minusMillis(1);
            fixture.given(requested(), accepted())
                    .whenInvoking(id(), appointment -> appointment.cancel(doctor, JUSTIFICATION, vault, justBefore,
                            LIFECYCLE.patientCancellationCutoff()))
                    .expectEventsMatching(eventPayloads(events -> assertThat(events).hasSize(1)));
        }

        @Test
        void its_patient_cannot_cancel_once_the_cutoff_before_the_start_is_reached() {
            Instant cutoff = time.start().minus(LIFECYCLE.patientCancellationCutoff());
            fixture.given(requested(), accepted())
                    .whenInvoking(id(), appointment -> appointment.cancel(patient, JUSTIFICATION, vault, cutoff,
                            LIFECYCLE.patientCancellationCutoff()))
                    .expectException(CancellationTooLateException.class)
                    .expectNoEvents();
        }

        @Test
        void anyone_but_its_patient_or_doctor_gets_not_found() {
            fixture.given(requested(), accepted())
                    .whenInvoking(id(), appointment -> appointment.cancel(new Caller(UUID.randomUUID(), Role.PATIENT),
                            JUSTIFICATION, vault, NOW, LIFECYCLE.patientCancellationCutoff()))
                    .expectException(AppointmentNotFoundException.class);
        }

        @Test
        void a_caller_without_identity_gets_not_found() {
            fixture.given(requested())
                    .whenInvoking(id(), appointment -> appointment.cancel(Caller.of(null, null), JUSTIFICATION, vault, NOW, LIFECYCLE.patientCancellationCutoff()))
                    .expectException(AppointmentNotFoundException.class);
        }
    }

    @Nested
    class PassingTime {

        @Test
        void its_doctor_cannot_accept_once_the_slot_has_started() {
            fixture.given(requested())
                    .whenInvoking(id(), appointment -> appointment.accept(doctor, time.start()))
                    .expectException(AppointmentAlreadyStartedException.class)
                    .expectNoEvents();
        }

        @Test
        void an_unanswered_request_expires() {
            fixture.given(requested())
                    .whenInvoking(id(), Appointment::expire)
                    .expectEvents(new AppointmentExpiredEvent(appointmentId, doctorId, patientId, slotId));
        }

        @Test
        void an_answered_request_does_not_expire() {
            fixture.given(requested(), accepted())
                    .whenInvoking(id(), Appointment::expire)
                    .expectNoEvents();
        }

        @Test
        void an_accepted_appointment_completes_at_its_end_not_before() {
            fixture.given(requested(), accepted())
                    .whenInvoking(id(), appointment -> appointment.complete(time.end().minusMillis(1)))
                    .expectNoEvents();
            fixture.given(requested(), accepted())
                    .whenInvoking(id(), appointment -> appointment.complete(time.end()))
                    .expectEvents(new AppointmentCompletedEvent(appointmentId, doctorId, patientId));
        }

        @Test
        void a_cancelled_appointment_never_completes() {
            fixture.given(requested(), cancelled())
                    .whenInvoking(id(), appointment -> appointment.complete(time.end()))
                    .expectNoEvents();
        }

        @Test
        void a_completed_appointment_may_be_marked_no_show_within_the_window() {
            fixture.given(requested(), accepted(), new AppointmentCompletedEvent(appointmentId, doctorId, patientId))
                    .whenInvoking(id(), appointment -> appointment.markNoShow(doctor, null, vault,
                            time.end().plus(LIFECYCLE.noShowWindow()), LIFECYCLE.noShowWindow()))
                    .expectEvents(new AppointmentNoShowEvent(appointmentId, doctorId, patientId, null));
        }

        @Test
        void a_no_show_after_the_window_is_refused() {
            fixture.given(requested(), accepted(), new AppointmentCompletedEvent(appointmentId, doctorId, patientId))
                    .whenInvoking(id(), appointment -> appointment.markNoShow(doctor, null, vault,
                            time.end().plus(LIFECYCLE.noShowWindow()).plusMillis(1), LIFECYCLE.noShowWindow()))
                    .expectException(NoShowNotAllowedException.class)
                    .expectNoEvents();
        }

        @Test
        void only_its_doctor_records_a_no_show() {
            fixture.given(requested(), accepted())
                    .whenInvoking(id(), appointment -> appointment.markNoShow(patient, null, vault, time.end(),
                            LIFECYCLE.noShowWindow()))
                    .expectException(AppointmentNotFoundException.class);
        }
    }
}
