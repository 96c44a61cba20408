package br.com.healthmed.command.appointment;

import br.com.healthmed.api.appointment.AcceptAppointmentCommand;
import br.com.healthmed.api.appointment.AccountClosure;
import br.com.healthmed.api.appointment.AppointmentAcceptedEvent;
import br.com.healthmed.api.appointment.AppointmentCancelledEvent;
import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.appointment.AppointmentOutcome;
import br.com.healthmed.api.appointment.AppointmentRejectedEvent;
import br.com.healthmed.api.appointment.AppointmentRequested;
import br.com.healthmed.api.appointment.AppointmentRequestedEvent;
import br.com.healthmed.api.appointment.AppointmentStatus;
import br.com.healthmed.api.appointment.AppointmentCompletedEvent;
import br.com.healthmed.api.appointment.AppointmentExpiredEvent;
import br.com.healthmed.api.appointment.AppointmentNoShowEvent;
import br.com.healthmed.api.appointment.CancelAppointmentCommand;
import br.com.healthmed.api.appointment.CompleteAppointmentCommand;
import br.com.healthmed.api.appointment.ExpireAppointmentCommand;
import br.com.healthmed.api.appointment.MarkNoShowCommand;
import br.com.healthmed.api.appointment.RejectAppointmentCommand;
import br.com.healthmed.api.appointment.RequestAppointmentCommand;
import br.com.healthmed.api.appointment.RescheduleAppointmentCommand;
import br.com.healthmed.api.appointment.AppointmentRescheduledEvent;
import br.com.healthmed.api.appointment.WithdrawAppointmentCommand;
import br.com.healthmed.api.common.InvalidValueException;
import br.com.healthmed.api.common.AuditMetadata;
import br.com.healthmed.api.common.Justification;
import br.com.healthmed.api.common.Money;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.common.TimeRange;
import br.com.healthmed.api.doctor.ConsultationPriceChangedEvent;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.doctor.DoctorRegisteredEvent;
import br.com.healthmed.api.doctor.DoctorVerifiedEvent;
import br.com.healthmed.api.doctor.Specialty;
import br.com.healthmed.api.doctor.Uf;
import br.com.healthmed.api.patient.PatientDataErasedEvent;
import br.com.healthmed.api.patient.PatientId;
import br.com.healthmed.api.patient.PatientRegisteredEvent;
import br.com.healthmed.api.patient.PatientTimeBlockedEvent;
import br.com.healthmed.api.patient.PatientTimeConfirmedEvent;
import br.com.healthmed.api.patient.PatientTimeReleasedEvent;
import br.com.healthmed.api.schedule.DayScheduleId;
import br.com.healthmed.api.schedule.SlotHeldEvent;
import br.com.healthmed.api.schedule.SlotId;
import br.com.healthmed.api.schedule.SlotPublishedEvent;
import br.com.healthmed.api.schedule.SlotReleasedEvent;
import br.com.healthmed.command.config.BookingFaultInjection;
import br.com.healthmed.command.config.BookingProperties;
import br.com.healthmed.command.doctor.BookingNoticeTooShortException;
import br.com.healthmed.command.doctor.DaySchedule;
import br.com.healthmed.command.doctor.Doctor;
import br.com.healthmed.command.doctor.DoctorNotVerifiedException;
import br.com.healthmed.command.doctor.EventSourcedBookingTerms;
import br.com.healthmed.command.doctor.SlotDirectory;
import br.com.healthmed.command.doctor.SlotNotFoundException;
import br.com.healthmed.command.doctor.SlotUnavailableException;
import br.com.healthmed.command.patient.Patient;
import br.com.healthmed.command.patient.PendingRequestLimitReachedException;
import br.com.healthmed.command.patient.PatientNotFoundException;
import br.com.healthmed.command.patient.PatientScheduleConflictException;
import br.com.healthmed.command.privacy.PersonalDataVault;
import br.com.healthmed.command.shared.DomainRejection;
import br.com.healthmed.command.support.InMemoryPersonalDataVault;
import br.com.healthmed.command.support.InMemorySlotDirectory;
import br.com.healthmed.testing.MovableClock;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static br.com.healthmed.command.support.DomainTesting.BOOKING;
import static br.com.healthmed.command.support.DomainTesting.LIFECYCLE;
import static br.com.healthmed.command.support.DomainTesting.PATIENT_REQUESTS;
import static br.com.healthmed.command.support.DomainTesting.NOW;
import static br.com.healthmed.command.support.DomainTesting.actingAs;
import static br.com.healthmed.command.support.DomainTesting.inHours;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The booking handler touches three aggregates in one unit of work, which an aggregate fixture cannot host: these
 * tests run it on Axon's real command bus, repositories and locks, with an in-memory event store read back to assert.
 */
class AppointmentBookingTest {

    private static final Money PRICE = Money.brl("250.00");
    private static final Justification JUSTIFICATION = Justification.of("Surgiu um compromisso inadiável", "justification");
    private static final Justification REASON = Justification.of("Estarei em congresso nesta data", "reason");

    private final InMemoryPersonalDataVault vault = new InMemoryPersonalDataVault();
    private final MovableClock clock = new MovableClock(NOW);
    private final DoctorId doctorId = DoctorId.random();
    private final PatientId patientId = PatientId.random();
    private final SlotId slotId = SlotId.random();
    private final TimeRange slotTime = new TimeRange(inHours(24), inHours(24).plusSeconds(1800));
    private final DayScheduleId schedule = DayScheduleId.of(doctorId, slotTime.start());
    private final InMemorySlotDirectory directory = new InMemorySlotDirectory();
    private Configuration axon;

    @BeforeEach
    void startAxon() {
        axon = DefaultConfigurer.defaultConfiguration(false)
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(Appointment.class)
                .configureAggregate(Doctor.class)
                .configureAggregate(DaySchedule.class)
                .configureAggregate(Patient.class)
                .eventProcessing(processing -> processing.usingSubscribingEventProcessors()
                        .registerEventHandler(c -> directory))
                .registerComponent(Clock.class, c -> clock)
                .registerComponent(BookingProperties.class, c -> BOOKING)
                .registerComponent(PersonalDataVault.class, c -> vault)
                .registerCommandHandler(c -> new AppointmentBooking(c.repository(Appointment.class),
                        c.repository(Doctor.class), c.repository(DaySchedule.class), c.repository(Patient.class),
                        directory, new EventSourcedBookingTerms(c.eventStore()), vault, clock, BOOKING,
                        new BookingFaultInjection(Duration.ZERO), LIFECYCLE, PATIENT_REQUESTS))
                .start();
        givenVerifiedDoctor(doctorId);
        givenSlot(doctorId, slotId, slotTime);
        givenPatient(patientId);
    }

    @AfterEach
    void stopAxon() {
        axon.shutdown();
    }

    private void given(String type, Object aggregateId, Object... payloads) {
        EventStore store = axon.eventStore();
        long sequence = store.lastSequenceNumberFor(aggregateId.toString()).map(last -> last + 1).orElse(0L);
        for (Object payload : payloads) {
            store.publish(new GenericDomainEventMessage<>(type, aggregateId.toString(), sequence++, payload));
        }
    }

    private void givenVerifiedDoctor(DoctorId doctor) {
        UUID subject = doctor.value();
        given("Doctor", doctor,
                new DoctorRegisteredEvent(doctor, vault.seal(subject, "Ana Souza"), vault.seal(subject, "123456"), Uf.SP,
                        vault.seal(subject, "ana@clinica.com.br"), Specialty.CARDIOLOGIA, PRICE, "America/Sao_Paulo"),
                new DoctorVerifiedEvent(doctor));
    }

    private void givenPatient(PatientId patient) {
        UUID subject = patient.value();
        given("Patient", patient, new PatientRegisteredEvent(patient, vault.seal(subject, "Maria Silva"),
                vault.seal(subject, "maria@example.com"), vault.seal(subject, "52998224725"), null, null));
    }

    /** A slot published the way it is today: in the day schedule of its start. */
    private void givenSlot(DoctorId doctor, SlotId slot, TimeRange time) {
        given("DaySchedule", DayScheduleId.of(doctor, time.start()), new SlotPublishedEvent(doctor, slot, time.start(), time.end()));
    }

    /** The command as the controller builds it: the slot's schedule comes from the directory. */
    private RequestAppointmentCommand requestFor(AppointmentId appointmentId, DoctorId doctor, SlotId slot, PatientId patient) {
        DayScheduleId owner = directory.ownerOf(slot).map(SlotDirectory.Owner::schedule).orElse(null);
        return new RequestAppointmentCommand(appointmentId, doctor, owner, slot, patient);
    }

    private List<Object> eventsOf(Object aggregateId) {
        return axon.eventStore().readEvents(aggregateId.toString()).asStream().<Object>map(Message::getPayload).toList();
    }

    private Object lastEventOf(Object aggregateId) {
        return eventsOf(aggregateId).getLast();
    }

    private <R> R send(Object command, MetaData metaData) {
        return axon.commandGateway().sendAndWait(command, metaData);
    }

    private MetaData asPatient(PatientId patient) {
        return actingAs(Role.PATIENT, patient.value());
    }

    private MetaData asDoctor() {
        return actingAs(Role.DOCTOR, doctorId.value());
    }

    private PatientId registeredPatient() {
        PatientId patient = PatientId.random();
        givenPatient(patient);
        return patient;
    }

    private AppointmentId request(PatientId patient, SlotId slot) {
        AppointmentId appointmentId = AppointmentId.random();
        send(requestFor(appointmentId, doctorId, slot, patient), asPatient(patient));
        return appointmentId;
    }

    private static void assertRejected(Throwable thrown, Class<? extends DomainRejection> type, String code) {
        assertThat(thrown).isInstanceOfSatisfying(type, rejection -> assertThat(rejection.code()).isEqualTo(code));
    }

    @Nested
    class Requesting {

        @Test
        void a_patient_requests_a_free_slot_and_schedule_calendar_and_appointment_change_together() {
            AppointmentId appointmentId = AppointmentId.random();

            AppointmentRequested result = send(requestFor(appointmentId, doctorId, slotId, patientId),
                    asPatient(patientId));

            assertThat(result).isEqualTo(new AppointmentRequested(appointmentId, AppointmentStatus.REQUESTED, PRICE));
            assertThat(lastEventOf(schedule)).isEqualTo(new SlotHeldEvent(doctorId, slotId, appointmentId));
            assertThat(lastEventOf(patientId)).isEqualTo(
                    new PatientTimeBlockedEvent(patientId, appointmentId, slotTime.start(), slotTime.end()));
            assertThat(eventsOf(appointmentId)).containsExactly(new AppointmentRequestedEvent(appointmentId, doctorId,
                    patientId, slotId, slotTime.start(), slotTime.end(), PRICE));
        }

        @Test
        void the_appointment_takes_the_doctors_price_at_the_moment_of_the_request_and_keeps_it() {
            given("Doctor", doctorId, new ConsultationPriceChangedEvent(doctorId, Money.brl("300.00")));
            AppointmentId appointmentId = AppointmentId.random();

            AppointmentRequested result = send(requestFor(appointmentId, doctorId, slotId, patientId),
                    asPatient(patientId));
            given("Doctor", doctorId, new ConsultationPriceChangedEvent(doctorId, Money.brl("400.00")));
            send(new AcceptAppointmentCommand(appointmentId), asDoctor());

            assertThat(result.price()).isEqualTo(Money.brl("300.00"));
            assertThat(eventsOf(appointmentId).getFirst()).isInstanceOfSatisfying(AppointmentRequestedEvent.class,
                    event -> assertThat(event.price()).isEqualTo(Money.brl("300.00")));
        }

        @Test
        void a_slot_held_by_one_request_is_unavailable_to_the_next_and_nothing_of_the_second_is_stored() {
            request(patientId, slotId);
            PatientId second = PatientId.random();
            givenPatient(second);
            AppointmentId secondAppointment = AppointmentId.random();

            assertThatThrownBy(() -> send(requestFor(secondAppointment, doctorId, slotId, second),
                    asPatient(second)))
                    .satisfies(thrown -> assertRejected(thrown, SlotUnavailableException.class, "slot-unavailable"));

            assertThat(eventsOf(secondAppointment)).isEmpty();
            assertThat(eventsOf(second)).hasSize(1);
            assertThat(eventsOf(schedule)).filteredOn(SlotHeldEvent.class::isInstance).hasSize(1);
        }

        @Test
        void a_patient_may_request_only_as_themselves() {
            PatientId impostor = PatientId.random();
            AppointmentId appointmentId = AppointmentId.random();

            assertThatThrownBy(() -> send(requestFor(appointmentId, doctorId, slotId, patientId),
                    asPatient(impostor)))
                    .satisfies(thrown -> assertRejected(thrown, AppointmentNotFoundException.class, "appointment-not-found"));
            assertThatThrownBy(() -> send(requestFor(appointmentId, doctorId, slotId, patientId),
                    actingAs(Role.ADMIN, patientId.value())))
                    .isInstanceOf(AppointmentNotFoundException.class);
            assertThatThrownBy(() -> send(requestFor(appointmentId, doctorId, slotId, patientId),
                    MetaData.emptyInstance()))
                    .isInstanceOf(AppointmentNotFoundException.class);

            assertThat(eventsOf(schedule)).noneMatch(SlotHeldEvent.class::isInstance);
            assertThat(eventsOf(appointmentId)).isEmpty();
        }

        @Test
        void an_unknown_slot_is_not_found() {
            assertThatThrownBy(() -> request(patientId, SlotId.random()))
                    .satisfies(thrown -> assertRejected(thrown, SlotNotFoundException.class, "slot-not-found"));
        }

        @Test
        void a_slot_starting_within_the_minimum_notice_cannot_be_requested() {
            clock.moveTo(slotTime.start().minus(BOOKING.minimumNotice()).plusSeconds(1));

            assertThatThrownBy(() -> request(patientId, slotId))
                    .satisfies(thrown -> assertRejected(thrown, BookingNoticeTooShortException.class, "booking-notice-too-short"));
            assertThat(eventsOf(patientId)).hasSize(1);
        }

        @Test
        void an_unverified_doctor_cannot_be_booked() {
            DoctorId unverified = DoctorId.random();
            UUID subject = unverified.value();
            given("Doctor", unverified, new DoctorRegisteredEvent(unverified, vault.seal(subject, "Rui Costa"),
                    vault.seal(subject, "654321"), Uf.RJ, vault.seal(subject, "rui@clinica.com.br"), Specialty.PEDIATRIA,
                    PRICE, "America/Sao_Paulo"));

            assertThatThrownBy(() -> send(requestFor(AppointmentId.random(), unverified, slotId, patientId),
                    asPatient(patientId)))
                    .satisfies(thrown -> assertRejected(thrown, DoctorNotVerifiedException.class, "doctor-not-verified"));
        }

        @Test
        void an_unknown_doctor_fails_as_not_found() {
            assertThatThrownBy(() -> send(requestFor(AppointmentId.random(), DoctorId.random(), slotId,
                    patientId), asPatient(patientId)))
                    .isInstanceOf(AggregateNotFoundException.class);
        }

        @Test
        void an_unknown_patient_is_not_found_and_the_slot_stays_free() {
            PatientId ghost = PatientId.random();

            assertThatThrownBy(() -> request(ghost, slotId))
                    .satisfies(thrown -> assertRejected(thrown, PatientNotFoundException.class, "patient-not-found"));
            assertThat(eventsOf(schedule)).noneMatch(SlotHeldEvent.class::isInstance);
        }

        @Test
        void an_erased_patient_cannot_request() {
            given("Patient", patientId, new PatientDataErasedEvent(patientId));

            assertThatThrownBy(() -> request(patientId, slotId)).isInstanceOf(PatientNotFoundException.class);
            assertThat(eventsOf(schedule)).noneMatch(SlotHeldEvent.class::isInstance);
        }

        @Test
        void a_patient_cannot_hold_two_overlapping_appointments_and_the_second_slot_stays_free() {
            DoctorId otherDoctor = DoctorId.random();
            SlotId overlapping = SlotId.random();
            givenVerifiedDoctor(otherDoctor);
            givenSlot(otherDoctor, overlapping, new TimeRange(slotTime.start().plusSeconds(600), slotTime.end().plusSeconds(600)));
            request(patientId, slotId);

            assertThatThrownBy(() -> send(requestFor(AppointmentId.random(), otherDoctor, overlapping,
                    patientId), asPatient(patientId)))
                    .satisfies(thrown -> assertRejected(thrown, PatientScheduleConflictException.class, "patient-schedule-conflict"));
            assertThat(eventsOf(DayScheduleId.of(otherDoctor, slotTime.start()))).noneMatch(SlotHeldEvent.class::isInstance);
        }

        @Test
        void an_appointment_id_names_one_request_only() {
            AppointmentId appointmentId = request(patientId, slotId);
            SlotId another = SlotId.random();
            givenSlot(doctorId, another, new TimeRange(inHours(48), inHours(49)));

            assertThatThrownBy(() -> send(requestFor(appointmentId, doctorId, another, patientId),
                    asPatient(patientId)))
                    .satisfies(thrown -> assertRejected(thrown, AppointmentAlreadyExistsException.class, "appointment-already-exists"));
            assertThat(eventsOf(appointmentId)).hasSize(1);
        }

        @Test
        void fifty_simultaneous_requests_for_one_slot_give_exactly_one_appointment() throws Exception {
            List<PatientId> patients = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                PatientId patient = PatientId.random();
                givenPatient(patient);
                patients.add(patient);
            }
            CountDownLatch start = new CountDownLatch(1);
            List<Callable<Boolean>> requests = patients.stream().<Callable<Boolean>>map(patient -> () -> {
                start.await();
                try {
                    request(patient, slotId);
                    return true;
                } catch (SlotUnavailableException e) {
                    return false;
                }
            }).toList();

            List<Boolean> outcomes = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
                List<Future<Boolean>> futures = requests.stream().map(pool::submit).toList();
                start.countDown();
                for (Future<Boolean> future : futures) {
                    outcomes.add(future.get());
                }
            }

            assertThat(outcomes).containsOnlyOnce(true);
            assertThat(eventsOf(schedule)).filteredOn(SlotHeldEvent.class::isInstance).hasSize(1);
        }
    }

    @Nested
    class Accepting {

        @Test
        void the_appointments_doctor_accepts_it() {
            AppointmentId appointmentId = request(patientId, slotId);

            AppointmentOutcome outcome = send(new AcceptAppointmentCommand(appointmentId), asDoctor());

            assertThat(outcome).isEqualTo(new AppointmentOutcome(appointmentId, AppointmentStatus.ACCEPTED));
            assertThat(lastEventOf(appointmentId)).isEqualTo(new AppointmentAcceptedEvent(appointmentId, doctorId, patientId));
            assertThat(lastEventOf(schedule)).isInstanceOf(SlotHeldEvent.class);
        }

        @Test
        void a_second_accept_is_a_conflict() {
            AppointmentId appointmentId = request(patientId, slotId);
            send(new AcceptAppointmentCommand(appointmentId), asDoctor());

            assertThatThrownBy(() -> send(new AcceptAppointmentCommand(appointmentId), asDoctor()))
                    .satisfies(thrown -> assertRejected(thrown, AppointmentNotPendingException.class, "appointment-not-pending"));
        }

        @Test
        void another_doctor_and_an_unknown_id_get_the_same_not_found() {
            AppointmentId appointmentId = request(patientId, slotId);

            assertThatThrownBy(() -> send(new AcceptAppointmentCommand(appointmentId), actingAs(Role.DOCTOR, UUID.randomUUID())))
                    .satisfies(thrown -> assertRejected(thrown, AppointmentNotFoundException.class, "appointment-not-found"));
            assertThatThrownBy(() -> send(new AcceptAppointmentCommand(AppointmentId.random()), asDoctor()))
                    .satisfies(thrown -> assertRejected(thrown, AppointmentNotFoundException.class, "appointment-not-found"));
        }

        @Test
        void an_accept_racing_a_cancel_leaves_one_consistent_outcome() throws Exception {
            for (int round = 0; round < 20; round++) {
                SlotId slot = SlotId.random();
                TimeRange time = new TimeRange(inHours(48 + round), inHours(48 + round).plusSeconds(1800));
                givenSlot(doctorId, slot, time);
                AppointmentId appointmentId = request(patientId, slot);
                CountDownLatch start = new CountDownLatch(1);

                try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
                    Future<?> accept = pool.submit(() -> {
                        start.await();
                        return send(new AcceptAppointmentCommand(appointmentId), asDoctor());
                    });
                    Future<?> cancel = pool.submit(() -> {
                        start.await();
                        return send(new CancelAppointmentCommand(appointmentId, JUSTIFICATION), asPatient(patientId));
                    });
                    start.countDown();
                    cancel.get();
                    boolean accepted = succeeded(accept);

                    List<Class<?>> lifecycle = eventsOf(appointmentId).stream().<Class<?>>map(Object::getClass).toList();
                    if (accepted) {
                        assertThat(lifecycle).containsExactly(AppointmentRequestedEvent.class, AppointmentAcceptedEvent.class,
                                AppointmentCancelledEvent.class);
                    } else {
                        assertThat(lifecycle).containsExactly(AppointmentRequestedEvent.class, AppointmentCancelledEvent.class);
                    }
                    assertThat(lastEventOf(DayScheduleId.of(doctorId, time.start())))
                            .isEqualTo(new SlotReleasedEvent(doctorId, slot, appointmentId));
                }
            }
        }

        private static boolean succeeded(Future<?> future) throws InterruptedException {
            try {
                future.get();
                return true;
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(AppointmentNotPendingException.class);
                return false;
            }
        }
    }

    @Nested
    class Rejecting {

        @Test
        void the_doctor_rejects_with_a_reason_and_slot_and_time_are_freed() {
            AppointmentId appointmentId = request(patientId, slotId);

            AppointmentOutcome outcome = send(new RejectAppointmentCommand(appointmentId, REASON), asDoctor());

            assertThat(outcome).isEqualTo(new AppointmentOutcome(appointmentId, AppointmentStatus.REJECTED));
            assertThat(lastEventOf(appointmentId)).isInstanceOfSatisfying(AppointmentRejectedEvent.class, event -> {
                assertThat(event.reason().subject()).isEqualTo(patientId.value());
                assertThat(vault.text(event.reason())).isEqualTo(REASON.text());
            });
            assertThat(lastEventOf(schedule)).isEqualTo(new SlotReleasedEvent(doctorId, slotId, appointmentId));
            assertThat(lastEventOf(patientId)).isEqualTo(new PatientTimeReleasedEvent(patientId, appointmentId));
        }

        @Test
        void a_freed_slot_can_be_requested_again() {
            AppointmentId first = request(patientId, slotId);
            send(new RejectAppointmentCommand(first, REASON), asDoctor());

            AppointmentId second = request(patientId, slotId);

            assertThat(lastEventOf(schedule)).isEqualTo(new SlotHeldEvent(doctorId, slotId, second));
        }

        @Test
        void a_rejection_needs_a_reason_of_ten_to_five_hundred_characters() {
            AppointmentId appointmentId = request(patientId, slotId);

            assertThatThrownBy(() -> send(new RejectAppointmentCommand(appointmentId, null), asDoctor()))
                    .satisfies(thrown -> assertInvalid(thrown, "reason-required"));
            assertThatThrownBy(() -> send(new RejectAppointmentCommand(appointmentId, new Justification("   curto  ")), asDoctor()))
                    .satisfies(thrown -> assertInvalid(thrown, "reason-too-short"));
            assertThatThrownBy(() -> send(new RejectAppointmentCommand(appointmentId, new Justification("x".repeat(501))), asDoctor()))
                    .satisfies(thrown -> assertInvalid(thrown, "reason-too-long"));
            assertThat(eventsOf(appointmentId)).hasSize(1);
        }

        @Test
        void an_accepted_appointment_cannot_be_rejected_and_keeps_its_slot() {
            AppointmentId appointmentId = request(patientId, slotId);
            send(new AcceptAppointmentCommand(appointmentId), asDoctor());

            assertThatThrownBy(() -> send(new RejectAppointmentCommand(appointmentId, REASON), asDoctor()))
                    .isInstanceOf(AppointmentNotPendingException.class);
            assertThat(lastEventOf(schedule)).isInstanceOf(SlotHeldEvent.class);
        }

        @Test
        void its_patient_cannot_reject_and_gets_not_found() {
            AppointmentId appointmentId = request(patientId, slotId);

            assertThatThrownBy(() -> send(new RejectAppointmentCommand(appointmentId, REASON), asPatient(patientId)))
                    .isInstanceOf(AppointmentNotFoundException.class);
            assertThat(lastEventOf(patientId)).isInstanceOf(PatientTimeBlockedEvent.class);
        }
    }

    @Nested
    class WithdrawingForAClosedAccount {

        private final Justification erased = new Justification(AccountClosures.ERASURE_JUSTIFICATION);
        private final MetaData bySystem = MetaData.with(AuditMetadata.USER_ID, AuditMetadata.SYSTEM_USER)
                .and(AuditMetadata.ROLE, AuditMetadata.SYSTEM_ROLE);

        @Test
        void an_erased_patients_accepted_appointment_is_cancelled_on_their_side_even_within_the_patient_cutoff() {
            AppointmentId appointmentId = request(patientId, slotId);
            send(new AcceptAppointmentCommand(appointmentId), asDoctor());
            clock.moveTo(slotTime.start().minusSeconds(60));

            send(new WithdrawAppointmentCommand(appointmentId, AccountClosure.PATIENT_ERASED, erased), bySystem);

            assertThat(lastEventOf(appointmentId)).isInstanceOfSatisfying(AppointmentCancelledEvent.class, event -> {
                assertThat(event.cancelledBy()).isEqualTo(Role.PATIENT);
                assertThat(vault.text(event.justification())).isEqualTo("patient account erased");
            });
            assertThat(lastEventOf(schedule)).isEqualTo(new SlotReleasedEvent(doctorId, slotId, appointmentId));
            assertThat(lastEventOf(patientId)).isEqualTo(new PatientTimeReleasedEvent(patientId, appointmentId));
        }

        @Test
        void a_deactivated_doctors_pending_request_is_cancelled_by_the_admin_with_the_reason() {
            AppointmentId appointmentId = request(patientId, slotId);

            send(new WithdrawAppointmentCommand(appointmentId, AccountClosure.DOCTOR_DEACTIVATED, REASON), bySystem);

            assertThat(lastEventOf(appointmentId)).isInstanceOfSatisfying(AppointmentCancelledEvent.class, event -> {
                assertThat(event.cancelledBy()).isEqualTo(Role.ADMIN);
                assertThat(event.justification().subject()).isEqualTo(patientId.value());
                assertThat(vault.text(event.justification())).isEqualTo(REASON.text());
            });
            assertThat(lastEventOf(schedule)).isInstanceOf(SlotReleasedEvent.class);
        }

        @Test
        void a_deactivated_doctors_appointment_already_started_is_left_to_complete() {
            AppointmentId appointmentId = request(patientId, slotId);
            send(new AcceptAppointmentCommand(appointmentId), asDoctor());
            clock.moveTo(slotTime.start().plusSeconds(60));
            int before = eventsOf(appointmentId).size();

            send(new WithdrawAppointmentCommand(appointmentId, AccountClosure.DOCTOR_DEACTIVATED, REASON), bySystem);

            assertThat(eventsOf(appointmentId)).hasSize(before);
            assertThat(lastEventOf(schedule)).isInstanceOf(SlotHeldEvent.class);
        }

        @Test
        void withdrawing_an_appointment_no_longer_active_changes_nothing() {
            AppointmentId appointmentId = request(patientId, slotId);
            send(new CancelAppointmentCommand(appointmentId, JUSTIFICATION), asPatient(patientId));
            int before = eventsOf(appointmentId).size();

            send(new WithdrawAppointmentCommand(appointmentId, AccountClosure.PATIENT_ERASED, erased), bySystem);

            assertThat(eventsOf(appointmentId)).hasSize(before);
            assertThat(eventsOf(schedule)).filteredOn(SlotReleasedEvent.class::isInstance).hasSize(1);
        }
    }

    @Nested
    class Cancelling {

        @Test
        void the_patient_cancels_a_requested_appointment_and_slot_and_time_are_freed() {
            AppointmentId appointmentId = request(patientId, slotId);

            AppointmentOutcome outcome = send(new CancelAppointmentCommand(appointmentId, JUSTIFICATION), asPatient(patientId));

            assertThat(outcome).isEqualTo(new AppointmentOutcome(appointmentId, AppointmentStatus.CANCELLED));
            assertThat(lastEventOf(appointmentId)).isInstanceOfSatisfying(AppointmentCancelledEvent.class, event -> {
                assertThat(event.cancelledBy()).isEqualTo(Role.PATIENT);
                assertThat(vault.text(event.justification())).isEqualTo(JUSTIFICATION.text());
            });
            assertThat(lastEventOf(schedule)).isEqualTo(new SlotReleasedEvent(doctorId, slotId, appointmentId));
            assertThat(lastEventOf(patientId)).isEqualTo(new PatientTimeReleasedEvent(patientId, appointmentId));
        }

        @Test
        void the_doctor_cancels_an_accepted_appointment_with_the_justification_sealed_for_the_patient() {
            AppointmentId appointmentId = request(patientId, slotId);
            send(new AcceptAppointmentCommand(appointmentId), asDoctor());

            send(new CancelAppointmentCommand(appointmentId, JUSTIFICATION), asDoctor());

            assertThat(lastEventOf(appointmentId)).isInstanceOfSatisfying(AppointmentCancelledEvent.class, event -> {
                assertThat(event.cancelledBy()).isEqualTo(Role.DOCTOR);
                assertThat(event.justification().subject()).isEqualTo(patientId.value());
            });
            assertThat(lastEventOf(schedule)).isInstanceOf(SlotReleasedEvent.class);
        }

        @Test
        void the_doctor_cannot_cancel_a_pending_request() {
            AppointmentId appointmentId = request(patientId, slotId);

            assertThatThrownBy(() -> send(new CancelAppointmentCommand(appointmentId, JUSTIFICATION), asDoctor()))
                    .satisfies(thrown -> assertRejected(thrown, AppointmentNotCancellableException.class, "appointment-not-cancellable"));
            assertThat(lastEventOf(schedule)).isInstanceOf(SlotHeldEvent.class);
        }

        @Test
        void a_cancelled_appointment_is_final() {
            AppointmentId appointmentId = request(patientId, slotId);
            send(new CancelAppointmentCommand(appointmentId, JUSTIFICATION), asPatient(patientId));

            assertThatThrownBy(() -> send(new CancelAppointmentCommand(appointmentId, JUSTIFICATION), asPatient(patientId)))
                    .satisfies(thrown -> assertRejected(thrown, AppointmentNotActiveException.class, "appointment-not-active"));
            assertThatThrownBy(() -> send(new AcceptAppointmentCommand(appointmentId), asDoctor()))
                    .isInstanceOf(AppointmentNotPendingException.class);
        }

        @Test
        void an_appointment_that_has_started_cannot_be_cancelled() {
            AppointmentId appointmentId = request(patientId, slotId);
            send(new AcceptAppointmentCommand(appointmentId), asDoctor());
            clock.moveTo(slotTime.start());

            assertThatThrownBy(() -> send(new CancelAppointmentCommand(appointmentId, JUSTIFICATION), asPatient(patientId)))
                    .satisfies(thrown -> assertRejected(thrown, AppointmentAlreadyStartedException.class, "appointment-already-started"));
            assertThat(lastEventOf(schedule)).isInstanceOf(SlotHeldEvent.class);
        }

        @Test
        void cancel_without_justification_is_rejected() {
            AppointmentId appointmentId = request(patientId, slotId);

            assertThatThrownBy(() -> send(new CancelAppointmentCommand(appointmentId, null), asPatient(patientId)))
                    .satisfies(thrown -> assertInvalid(thrown, "justification-required"));
            assertThatThrownBy(() -> send(new CancelAppointmentCommand(appointmentId, new Justification("     ")), asPatient(patientId)))
                    .satisfies(thrown -> assertInvalid(thrown, "justification-required"));
            assertThatThrownBy(() -> send(new CancelAppointmentCommand(appointmentId, new Justification("x".repeat(501))), asPatient(patientId)))
                    .satisfies(thrown -> assertInvalid(thrown, "justification-too-long"));
            assertThat(eventsOf(appointmentId)).hasSize(1);
        }

        @Test
        void someone_elses_appointment_and_an_unknown_one_get_the_same_not_found() {
            AppointmentId appointmentId = request(patientId, slotId);
            PatientId stranger = PatientId.random();

            assertThatThrownBy(() -> send(new CancelAppointmentCommand(appointmentId, JUSTIFICATION), asPatient(stranger)))
                    .satisfies(thrown -> assertRejected(thrown, AppointmentNotFoundException.class, "appointment-not-found"));
            assertThatThrownBy(() -> send(new CancelAppointmentCommand(AppointmentId.random(), JUSTIFICATION), asPatient(stranger)))
                    .satisfies(thrown -> assertRejected(thrown, AppointmentNotFoundException.class, "appointment-not-found"));
            assertThat(lastEventOf(schedule)).isInstanceOf(SlotHeldEvent.class);
        }

        @Test
        void after_a_cancellation_the_patient_may_book_the_same_time_again() {
            AppointmentId first = request(patientId, slotId);
            send(new CancelAppointmentCommand(first, JUSTIFICATION), asPatient(patientId));

            AppointmentId second = request(patientId, slotId);

            assertThat(lastEventOf(patientId)).isEqualTo(
                    new PatientTimeBlockedEvent(patientId, second, slotTime.start(), slotTime.end()));
        }
    }

    /** Issue 9, item 9: a few accounts must not be able to hold a doctor's whole agenda as pending requests. */
    @Nested
    class PendingRequestCap {

        private SlotId freeSlot(int hoursAhead) {
            SlotId slot = SlotId.random();
            givenSlot(doctorId, slot, new TimeRange(inHours(hoursAhead), inHours(hoursAhead).plusSeconds(1800)));
            return slot;
        }

        @Test
        void a_patient_with_three_pending_requests_is_refused_a_fourth_and_nothing_of_it_is_stored() {
            request(patientId, freeSlot(30));
            request(patientId, freeSlot(32));
            request(patientId, freeSlot(34));
            SlotId fourth = freeSlot(36);
            AppointmentId refused = AppointmentId.random();

            assertThatThrownBy(() -> send(requestFor(refused, doctorId, fourth, patientId), asPatient(patientId)))
                    .satisfies(thrown -> assertRejected(thrown, PendingRequestLimitReachedException.class,
                            "pending-request-limit-reached"));

            assertThat(eventsOf(refused)).isEmpty();
            assertThat(eventsOf(DayScheduleId.of(doctorId, inHours(36)))).noneMatch(SlotHeldEvent.class::isInstance);
        }

        @Test
        void an_accepted_request_no_longer_counts_so_the_patient_may_request_again() {
            AppointmentId accepted = request(patientId, freeSlot(30));
            request(patientId, freeSlot(32));
            request(patientId, freeSlot(34));
            send(new AcceptAppointmentCommand(accepted), asDoctor());

            AppointmentId fourth = request(patientId, freeSlot(36));

            assertThat(eventsOf(fourth)).hasSize(1);
            assertThat(eventsOf(patientId)).contains(new PatientTimeConfirmedEvent(patientId, accepted));
        }

        @Test
        void a_rejected_request_frees_its_place() {
            AppointmentId rejected = request(patientId, freeSlot(30));
            request(patientId, freeSlot(32));
            request(patientId, freeSlot(34));
            send(new RejectAppointmentCommand(rejected, REASON), asDoctor());

            assertThat(eventsOf(request(patientId, freeSlot(36)))).hasSize(1);
        }

        @Test
        void the_cap_is_per_patient() {
            request(patientId, freeSlot(30));
            request(patientId, freeSlot(32));
            request(patientId, freeSlot(34));
            PatientId other = PatientId.random();
            givenPatient(other);

            assertThat(eventsOf(request(other, freeSlot(36)))).hasSize(1);
        }
    }

    @Nested
    class NamingTheSchedule {

        @Test
        void a_schedule_that_does_not_hold_the_slot_answers_slot_not_found_and_holds_nothing() {
            DayScheduleId nextDay = schedule.nextDay();
            DayScheduleId othersDay = DayScheduleId.of(DoctorId.random(), slotTime.start());

            assertThatThrownBy(() -> send(new RequestAppointmentCommand(AppointmentId.random(), doctorId, nextDay, slotId,
                    patientId), asPatient(patientId)))
                    .satisfies(thrown -> assertRejected(thrown, SlotNotFoundException.class, "slot-not-found"));
            assertThatThrownBy(() -> send(new RequestAppointmentCommand(AppointmentId.random(), doctorId, othersDay, slotId,
                    patientId), asPatient(patientId)))
                    .satisfies(thrown -> assertRejected(thrown, SlotNotFoundException.class, "slot-not-found"));
            assertThatThrownBy(() -> send(new RequestAppointmentCommand(AppointmentId.random(), doctorId, null, slotId,
                    patientId), asPatient(patientId)))
                    .as("the doctor's own stream does not hold a slot published in a day schedule")
                    .satisfies(thrown -> assertRejected(thrown, SlotNotFoundException.class, "slot-not-found"));
            assertThat(eventsOf(schedule)).noneMatch(SlotHeldEvent.class::isInstance);
        }

        @Test
        void a_booking_loads_only_the_day_of_its_slot_never_the_doctors_other_days() {
            SlotId later = SlotId.random();
            givenSlot(doctorId, later, new TimeRange(inHours(72), inHours(73)));

            request(patientId, slotId);

            assertThat(eventsOf(DayScheduleId.of(doctorId, inHours(72)))).hasSize(1);
            assertThat(eventsOf(doctorId)).as("the doctor's stream gives the price, and is not written")
                    .noneMatch(SlotHeldEvent.class::isInstance);
        }
    }

    /** Slots published before day schedules stay in the doctor's own stream (ADR 0011) and are booked there. */
    @Nested
    class LegacySlots {

        private final SlotId legacy = SlotId.random();
        private final TimeRange legacyTime = new TimeRange(inHours(30), inHours(30).plusSeconds(1800));

        @BeforeEach
        void publishedInTheDoctorsStream() {
            given("Doctor", doctorId, new SlotPublishedEvent(doctorId, legacy, legacyTime.start(), legacyTime.end()));
        }

        @Test
        void a_legacy_slot_is_held_in_the_doctors_stream_at_the_doctors_price() {
            AppointmentId appointmentId = AppointmentId.random();

            AppointmentRequested result = send(requestFor(appointmentId, doctorId, legacy, patientId), asPatient(patientId));

            assertThat(result.price()).isEqualTo(PRICE);
            assertThat(lastEventOf(doctorId)).isEqualTo(new SlotHeldEvent(doctorId, legacy, appointmentId));
            assertThat(eventsOf(DayScheduleId.of(doctorId, legacyTime.start()))).noneMatch(SlotHeldEvent.class::isInstance);
        }

        @Test
        void cancelling_frees_the_legacy_slot_where_it_is_kept() {
            AppointmentId appointmentId = request(patientId, legacy);

            send(new CancelAppointmentCommand(appointmentId, JUSTIFICATION), asPatient(patientId));

            assertThat(lastEventOf(doctorId)).isEqualTo(new SlotReleasedEvent(doctorId, legacy, appointmentId));
            assertThat(lastEventOf(patientId)).isEqualTo(new PatientTimeReleasedEvent(patientId, appointmentId));
        }
    }

    @Nested
    class TimeAware {

        @Test
        void an_unanswered_request_expires_and_slot_and_time_are_freed_in_one_go() {
            AppointmentId appointmentId = request(patientId, slotId);

            send(new ExpireAppointmentCommand(appointmentId), MetaData.emptyInstance());

            assertThat(lastEventOf(appointmentId))
                    .isEqualTo(new AppointmentExpiredEvent(appointmentId, doctorId, patientId, slotId));
            assertThat(lastEventOf(schedule)).isEqualTo(new SlotReleasedEvent(doctorId, slotId, appointmentId));
            assertThat(lastEventOf(patientId)).isEqualTo(new PatientTimeReleasedEvent(patientId, appointmentId));
        }

        @Test
        void an_expiry_that_comes_after_the_answer_changes_nothing() {
            AppointmentId appointmentId = request(patientId, slotId);
            send(new AcceptAppointmentCommand(appointmentId), asDoctor());
            int before = eventsOf(schedule).size();

            send(new ExpireAppointmentCommand(appointmentId), MetaData.emptyInstance());
            send(new ExpireAppointmentCommand(appointmentId), MetaData.emptyInstance());

            assertThat(lastEventOf(appointmentId)).isInstanceOf(AppointmentAcceptedEvent.class);
            assertThat(eventsOf(schedule)).hasSize(before);
        }

        @Test
        void an_expired_request_can_no_longer_be_accepted_and_its_slot_can_be_booked_again() {
            AppointmentId appointmentId = request(patientId, slotId);
            send(new ExpireAppointmentCommand(appointmentId), MetaData.emptyInstance());

            assertThatThrownBy(() -> send(new AcceptAppointmentCommand(appointmentId), asDoctor()))
                    .satisfies(thrown -> assertRejected(thrown, AppointmentNotPendingException.class, "appointment-not-pending"));
            AppointmentId again = request(patientId, slotId);
            assertThat(lastEventOf(schedule)).isEqualTo(new SlotHeldEvent(doctorId, slotId, again));
        }

        @Test
        void accepting_once_the_slot_has_started_is_refused() {
            AppointmentId appointmentId = request(patientId, slotId);
            clock.moveTo(slotTime.start());

            assertThatThrownBy(() -> send(new AcceptAppointmentCommand(appointmentId), asDoctor()))
                    .satisfies(thrown -> assertRejected(thrown, AppointmentAlreadyStartedException.class, "appointment-already-started"));
        }

        @Test
        void a_patient_cannot_cancel_within_the_cutoff_but_the_doctor_can() {
            AppointmentId appointmentId = request(patientId, slotId);
            send(new AcceptAppointmentCommand(appointmentId), asDoctor());
            clock.moveTo(slotTime.start().minus(LIFECYCLE.patientCancellationCutoff()));

            assertThatThrownBy(() -> send(new CancelAppointmentCommand(appointmentId, JUSTIFICATION), asPatient(patientId)))
                    .satisfies(thrown -> assertRejected(thrown, CancellationTooLateException.class, "cancellation-too-late"));
            send(new CancelAppointmentCommand(appointmentId, JUSTIFICATION), asDoctor());
            assertThat(lastEventOf(schedule)).isEqualTo(new SlotReleasedEvent(doctorId, slotId, appointmentId));
        }

        @Test
        void a_patient_may_cancel_just_before_the_cutoff() {
            AppointmentId appointmentId = request(patientId, slotId);
            clock.moveTo(slotTime.start().minus(LIFECYCLE.patientCancellationCutoff()).minusSeconds(1));

            send(new CancelAppointmentCommand(appointmentId, JUSTIFICATION), asPatient(patientId));

            assertThat(lastEventOf(appointmentId)).isInstanceOf(AppointmentCancelledEvent.class);
        }

        @Test
        void an_accepted_appointment_completes_once_it_has_ended_and_keeps_its_slot() {
            AppointmentId appointmentId = request(patientId, slotId);
            send(new AcceptAppointmentCommand(appointmentId), asDoctor());

            send(new CompleteAppointmentCommand(appointmentId), MetaData.emptyInstance());
            assertThat(lastEventOf(appointmentId)).isInstanceOf(AppointmentAcceptedEvent.class);

            clock.moveTo(slotTime.end());
            send(new CompleteAppointmentCommand(appointmentId), MetaData.emptyInstance());
            send(new CompleteAppointmentCommand(appointmentId), MetaData.emptyInstance());

            assertThat(eventsOf(appointmentId)).containsOnlyOnce(new AppointmentCompletedEvent(appointmentId, doctorId, patientId));
            assertThat(lastEventOf(schedule)).isInstanceOf(SlotHeldEvent.class);
        }

        @Test
        void the_doctor_records_a_no_show_after_the_end_with_an_optional_sealed_reason() {
            AppointmentId withReason = request(patientId, slotId);
            send(new AcceptAppointmentCommand(withReason), asDoctor());
            clock.moveTo(slotTime.end().plusSeconds(60));
            send(new CompleteAppointmentCommand(withReason), MetaData.emptyInstance());

            AppointmentOutcome outcome = send(new MarkNoShowCommand(withReason, REASON), asDoctor());

            assertThat(outcome).isEqualTo(new AppointmentOutcome(withReason, AppointmentStatus.NO_SHOW));
            assertThat(lastEventOf(withReason)).isInstanceOfSatisfying(AppointmentNoShowEvent.class,
                    event -> assertThat(vault.text(event.reason())).isEqualTo(REASON.text()));
        }

        @Test
        void a_no_show_is_refused_before_the_end_after_the_window_and_for_someone_else() {
            AppointmentId appointmentId = request(patientId, slotId);
            send(new AcceptAppointmentCommand(appointmentId), asDoctor());

            assertThatThrownBy(() -> send(new MarkNoShowCommand(appointmentId, null), asDoctor()))
                    .satisfies(thrown -> assertRejected(thrown, NoShowNotAllowedException.class, "no-show-not-allowed"));
            clock.moveTo(slotTime.end().plus(LIFECYCLE.noShowWindow()).plusSeconds(1));
            assertThatThrownBy(() -> send(new MarkNoShowCommand(appointmentId, null), asDoctor()))
                    .satisfies(thrown -> assertRejected(thrown, NoShowNotAllowedException.class, "no-show-not-allowed"));
            assertThatThrownBy(() -> send(new MarkNoShowCommand(appointmentId, null), asPatient(patientId)))
                    .satisfies(thrown -> assertRejected(thrown, AppointmentNotFoundException.class, "appointment-not-found"));

            clock.moveTo(slotTime.end().plus(LIFECYCLE.noShowWindow()));
            send(new MarkNoShowCommand(appointmentId, null), asDoctor());
            assertThat(lastEventOf(appointmentId)).isEqualTo(new AppointmentNoShowEvent(appointmentId, doctorId, patientId, null));
        }

        @Test
        void a_request_never_accepted_cannot_be_a_no_show() {
            AppointmentId appointmentId = request(patientId, slotId);
            send(new ExpireAppointmentCommand(appointmentId), MetaData.emptyInstance());
            clock.moveTo(slotTime.end().plusSeconds(60));

            assertThatThrownBy(() -> send(new MarkNoShowCommand(appointmentId, null), asDoctor()))
                    .satisfies(thrown -> assertRejected(thrown, NoShowNotAllowedException.class, "no-show-not-allowed"));
        }
    }

    /** Moving an appointment: hold the new slot, release the old one, move the patient's time, all or nothing. */
    @Nested
    class Rescheduling {

        private final SlotId sameDay = SlotId.random();
        private final TimeRange sameDayTime = new TimeRange(inHours(25), inHours(25).plusSeconds(1800));
        private final SlotId nextDay = SlotId.random();
        private final TimeRange nextDayTime = new TimeRange(inHours(50), inHours(50).plusSeconds(1800));
        private final DayScheduleId nextDaySchedule = DayScheduleId.of(doctorId, nextDayTime.start());

        @BeforeEach
        void moreSlots() {
            givenSlot(doctorId, sameDay, sameDayTime);
            givenSlot(doctorId, nextDay, nextDayTime);
        }

        /** The command as the controller builds it: the new slot's doctor and schedule come from the directory. */
        private RescheduleAppointmentCommand moveTo(AppointmentId appointmentId, SlotId slot) {
            SlotDirectory.Owner owner = directory.ownerOf(slot).orElseThrow();
            return new RescheduleAppointmentCommand(appointmentId, owner.doctorId(), owner.schedule(), slot);
        }

        private AppointmentId accepted() {
            AppointmentId appointmentId = request(patientId, slotId);
            send(new AcceptAppointmentCommand(appointmentId), asDoctor());
            return appointmentId;
        }

        private AppointmentRescheduledEvent rescheduled(AppointmentId appointmentId, SlotId to, TimeRange time,
                                                        AppointmentStatus status, Role by) {
            return new AppointmentRescheduledEvent(appointmentId, doctorId, patientId, slotId, slotTime.start(),
                    slotTime.end(), to, time.start(), time.end(), status, by);
        }

        @Test
        void the_patient_moves_a_request_and_new_slot_old_slot_calendar_and_appointment_change_together() {
            AppointmentId appointmentId = request(patientId, slotId);

            AppointmentOutcome outcome = send(moveTo(appointmentId, sameDay), asPatient(patientId));

            assertThat(outcome).isEqualTo(new AppointmentOutcome(appointmentId, AppointmentStatus.REQUESTED));
            assertThat(eventsOf(schedule)).endsWith(new SlotHeldEvent(doctorId, sameDay, appointmentId),
                    new SlotReleasedEvent(doctorId, slotId, appointmentId));
            assertThat(eventsOf(patientId)).endsWith(new PatientTimeReleasedEvent(patientId, appointmentId),
                    new PatientTimeBlockedEvent(patientId, appointmentId, sameDayTime.start(), sameDayTime.end()));
            assertThat(lastEventOf(appointmentId)).isEqualTo(
                    rescheduled(appointmentId, sameDay, sameDayTime, AppointmentStatus.REQUESTED, Role.PATIENT));
        }

        @Test
        void an_accepted_appointment_moved_by_its_patient_is_requested_again() {
            AppointmentId appointmentId = accepted();

            AppointmentOutcome outcome = send(moveTo(appointmentId, sameDay), asPatient(patientId));

            assertThat(outcome.status()).isEqualTo(AppointmentStatus.REQUESTED);
            assertThat(lastEventOf(appointmentId)).isEqualTo(
                    rescheduled(appointmentId, sameDay, sameDayTime, AppointmentStatus.REQUESTED, Role.PATIENT));
            send(new AcceptAppointmentCommand(appointmentId), asDoctor());
            assertThat(lastEventOf(appointmentId)).isInstanceOf(AppointmentAcceptedEvent.class);
        }

        @Test
        void an_accepted_appointment_moved_by_its_doctor_stays_accepted() {
            AppointmentId appointmentId = accepted();

            AppointmentOutcome outcome = send(moveTo(appointmentId, sameDay), asDoctor());

            assertThat(outcome.status()).isEqualTo(AppointmentStatus.ACCEPTED);
            assertThat(lastEventOf(appointmentId)).isEqualTo(
                    rescheduled(appointmentId, sameDay, sameDayTime, AppointmentStatus.ACCEPTED, Role.DOCTOR));
        }

        @Test
        void a_move_to_another_day_holds_in_the_new_days_schedule_and_releases_in_the_old_one() {
            AppointmentId appointmentId = accepted();

            send(moveTo(appointmentId, nextDay), asDoctor());

            assertThat(lastEventOf(nextDaySchedule)).isEqualTo(new SlotHeldEvent(doctorId, nextDay, appointmentId));
            assertThat(lastEventOf(schedule)).isEqualTo(new SlotReleasedEvent(doctorId, slotId, appointmentId));
            AppointmentId next = request(registeredPatient(), slotId);
            assertThat(lastEventOf(schedule)).as("the old slot can be booked again")
                    .isEqualTo(new SlotHeldEvent(doctorId, slotId, next));
        }

        @Test
        void a_doctor_does_not_move_a_request_and_nobody_moves_a_final_appointment() {
            AppointmentId requested = request(patientId, slotId);

            assertThatThrownBy(() -> send(moveTo(requested, sameDay), asDoctor()))
                    .satisfies(thrown -> assertRejected(thrown, RescheduleNotAllowedException.class, "reschedule-not-allowed"));
            send(new CancelAppointmentCommand(requested, JUSTIFICATION), asPatient(patientId));
            assertThatThrownBy(() -> send(moveTo(requested, sameDay), asPatient(patientId)))
                    .satisfies(thrown -> assertRejected(thrown, RescheduleNotAllowedException.class, "reschedule-not-allowed"));
            assertThat(eventsOf(schedule)).noneMatch(event -> event.equals(new SlotHeldEvent(doctorId, sameDay, requested)));
        }

        @Test
        void someone_else_and_an_unknown_id_get_the_same_not_found() {
            AppointmentId appointmentId = request(patientId, slotId);

            assertThatThrownBy(() -> send(moveTo(appointmentId, sameDay), actingAs(Role.PATIENT, UUID.randomUUID())))
                    .satisfies(thrown -> assertRejected(thrown, AppointmentNotFoundException.class, "appointment-not-found"));
            assertThatThrownBy(() -> send(moveTo(appointmentId, sameDay), actingAs(Role.DOCTOR, UUID.randomUUID())))
                    .satisfies(thrown -> assertRejected(thrown, AppointmentNotFoundException.class, "appointment-not-found"));
            assertThatThrownBy(() -> send(moveTo(AppointmentId.random(), sameDay), asPatient(patientId)))
                    .satisfies(thrown -> assertRejected(thrown, AppointmentNotFoundException.class, "appointment-not-found"));
        }

        @Test
        void a_slot_held_by_someone_else_is_unavailable_and_nothing_moves() {
            AppointmentId appointmentId = request(patientId, slotId);
            PatientId other = registeredPatient();
            request(other, sameDay);
            int scheduleEvents = eventsOf(schedule).size();

            assertThatThrownBy(() -> send(moveTo(appointmentId, sameDay), asPatient(patientId)))
                    .satisfies(thrown -> assertRejected(thrown, SlotUnavailableException.class, "slot-unavailable"));

            assertThat(eventsOf(schedule)).hasSize(scheduleEvents);
            assertThat(lastEventOf(appointmentId)).isInstanceOf(AppointmentRequestedEvent.class);
        }

        @Test
        void a_slot_of_another_doctor_is_refused() {
            DoctorId otherDoctor = DoctorId.random();
            givenVerifiedDoctor(otherDoctor);
            SlotId theirs = SlotId.random();
            givenSlot(otherDoctor, theirs, sameDayTime);
            AppointmentId appointmentId = request(patientId, slotId);

            assertThatThrownBy(() -> send(moveTo(appointmentId, theirs), asPatient(patientId)))
                    .satisfies(thrown -> assertRejected(thrown, SlotNotOfSameDoctorException.class, "slot-not-of-same-doctor"));
            assertThat(eventsOf(DayScheduleId.of(otherDoctor, sameDayTime.start()))).noneMatch(SlotHeldEvent.class::isInstance);
        }

        @Test
        void nobody_moves_a_started_appointment_and_the_patient_not_within_the_cancellation_cutoff() {
            AppointmentId appointmentId = accepted();

            clock.moveTo(slotTime.start().minus(LIFECYCLE.patientCancellationCutoff()));
            assertThatThrownBy(() -> send(moveTo(appointmentId, nextDay), asPatient(patientId)))
                    .satisfies(thrown -> assertRejected(thrown, RescheduleTooLateException.class, "reschedule-too-late"));
            clock.moveTo(slotTime.start());
            assertThatThrownBy(() -> send(moveTo(appointmentId, nextDay), asDoctor()))
                    .satisfies(thrown -> assertRejected(thrown, AppointmentAlreadyStartedException.class, "appointment-already-started"));
            assertThat(lastEventOf(appointmentId)).isInstanceOf(AppointmentAcceptedEvent.class);
        }

        @Test
        void the_doctor_may_still_move_it_within_the_patients_cutoff() {
            AppointmentId appointmentId = accepted();
            clock.moveTo(slotTime.start().minus(Duration.ofHours(1)));

            AppointmentOutcome outcome = send(moveTo(appointmentId, nextDay), asDoctor());

            assertThat(outcome.status()).isEqualTo(AppointmentStatus.ACCEPTED);
        }

        @Test
        void the_new_slot_respects_the_minimum_notice() {
            SlotId soon = SlotId.random();
            TimeRange soonTime = new TimeRange(inHours(3), inHours(3).plusSeconds(1800));
            givenSlot(doctorId, soon, soonTime);
            AppointmentId appointmentId = request(patientId, slotId);
            clock.moveTo(NOW.plus(Duration.ofMinutes(90)));

            assertThatThrownBy(() -> send(moveTo(appointmentId, soon), asPatient(patientId)))
                    .satisfies(thrown -> assertRejected(thrown, BookingNoticeTooShortException.class, "booking-notice-too-short"));
            assertThat(lastEventOf(schedule)).isEqualTo(new SlotHeldEvent(doctorId, slotId, appointmentId));
        }

        @Test
        void the_new_time_must_not_overlap_the_patients_other_appointments_and_nothing_moves_when_it_does() {
            DoctorId otherDoctor = DoctorId.random();
            givenVerifiedDoctor(otherDoctor);
            SlotId elsewhere = SlotId.random();
            givenSlot(otherDoctor, elsewhere, sameDayTime);
            send(requestFor(AppointmentId.random(), otherDoctor, elsewhere, patientId), asPatient(patientId));
            AppointmentId appointmentId = request(patientId, slotId);

            assertThatThrownBy(() -> send(moveTo(appointmentId, sameDay), asPatient(patientId)))
                    .satisfies(thrown -> assertRejected(thrown, PatientScheduleConflictException.class, "patient-schedule-conflict"));
            assertThat(lastEventOf(schedule)).isEqualTo(new SlotHeldEvent(doctorId, slotId, appointmentId));
            assertThat(eventsOf(schedule)).noneMatch(event -> event.equals(new SlotHeldEvent(doctorId, sameDay, appointmentId)));
        }

        @Test
        void naming_the_slot_it_already_holds_changes_nothing_and_answers_its_status() {
            AppointmentId appointmentId = accepted();
            int events = eventsOf(appointmentId).size();

            AppointmentOutcome outcome = send(moveTo(appointmentId, slotId), asPatient(patientId));

            assertThat(outcome.status()).isEqualTo(AppointmentStatus.ACCEPTED);
            assertThat(eventsOf(appointmentId)).hasSize(events);
        }

        @Test
        void an_expiry_due_for_the_time_it_left_expires_nothing() {
            AppointmentId appointmentId = request(patientId, slotId);
            send(moveTo(appointmentId, sameDay), asPatient(patientId));

            send(new ExpireAppointmentCommand(appointmentId, slotTime.start()), MetaData.emptyInstance());
            assertThat(lastEventOf(appointmentId)).isInstanceOf(AppointmentRescheduledEvent.class);

            send(new ExpireAppointmentCommand(appointmentId, sameDayTime.start()), MetaData.emptyInstance());
            assertThat(lastEventOf(appointmentId)).isInstanceOf(AppointmentExpiredEvent.class);
            assertThat(lastEventOf(schedule)).isEqualTo(new SlotReleasedEvent(doctorId, sameDay, appointmentId));
        }

        @Test
        void a_legacy_slot_is_left_in_the_doctors_stream_and_the_new_one_held_in_its_day() {
            SlotId legacy = SlotId.random();
            given("Doctor", doctorId, new SlotPublishedEvent(doctorId, legacy, inHours(30), inHours(30).plusSeconds(1800)));
            AppointmentId appointmentId = request(patientId, legacy);

            send(moveTo(appointmentId, nextDay), asPatient(patientId));

            assertThat(lastEventOf(doctorId)).isEqualTo(new SlotReleasedEvent(doctorId, legacy, appointmentId));
            assertThat(lastEventOf(nextDaySchedule)).isEqualTo(new SlotHeldEvent(doctorId, nextDay, appointmentId));
        }

        @Test
        void a_reschedule_racing_a_booking_for_the_same_slot_has_exactly_one_winner() throws Exception {
            for (int round = 0; round < 20; round++) {
                SlotId contested = SlotId.random();
                TimeRange time = new TimeRange(inHours(60 + round), inHours(60 + round).plusSeconds(1800));
                givenSlot(doctorId, contested, time);
                SlotId own = SlotId.random();
                TimeRange ownTime = new TimeRange(inHours(100 + round), inHours(100 + round).plusSeconds(1800));
                givenSlot(doctorId, own, ownTime);
                // A patient per round: one patient holds at most three requests awaiting an answer.
                PatientId mover = registeredPatient();
                AppointmentId moving = request(mover, own);
                PatientId rival = registeredPatient();
                AppointmentId booking = AppointmentId.random();
                CountDownLatch start = new CountDownLatch(1);

                try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
                    Future<?> move = pool.submit(() -> {
                        start.await();
                        return send(moveTo(moving, contested), asPatient(mover));
                    });
                    Future<?> book = pool.submit(() -> {
                        start.await();
                        return send(requestFor(booking, doctorId, contested, rival), asPatient(rival));
                    });
                    start.countDown();
                    boolean moved = wonOrLostTheSlot(move);
                    boolean booked = wonOrLostTheSlot(book);

                    assertThat(moved).as("round %d: exactly one wins", round).isNotEqualTo(booked);
                    AppointmentId holder = moved ? moving : booking;
                    assertThat(eventsOf(DayScheduleId.of(doctorId, time.start())))
                            .filteredOn(event -> event instanceof SlotHeldEvent held && held.slotId().equals(contested))
                            .containsExactly(new SlotHeldEvent(doctorId, contested, holder));
                    assertThat(eventsOf(DayScheduleId.of(doctorId, ownTime.start()))).as("the mover's old slot")
                            .filteredOn(event -> event.toString().contains(own.toString())).last()
                            .isEqualTo(moved ? new SlotReleasedEvent(doctorId, own, moving)
                                    : new SlotHeldEvent(doctorId, own, moving));
                }
            }
        }

        private static boolean wonOrLostTheSlot(Future<?> attempt) throws InterruptedException {
            try {
                attempt.get();
                return true;
            } catch (ExecutionException e) {
                assertThat(e.getCause()).isInstanceOf(SlotUnavailableException.class);
                return false;
            }
        }
    }

    private static void assertInvalid(Throwable thrown, String code) {
        assertThat(thrown).isInstanceOfSatisfying(InvalidValueException.class, invalid -> assertThat(invalid.code()).isEqualTo(code));
    }
}
