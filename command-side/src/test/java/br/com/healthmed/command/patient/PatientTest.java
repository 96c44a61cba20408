package br.com.healthmed.command.patient;

import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.common.Email;
import br.com.healthmed.api.common.PasswordHash;
import br.com.healthmed.api.common.PersonName;
import br.com.healthmed.api.common.Phone;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.common.TimeRange;
import br.com.healthmed.api.patient.Cpf;
import br.com.healthmed.api.patient.ConfirmPatientEmailCommand;
import br.com.healthmed.api.patient.ErasePatientDataCommand;
import br.com.healthmed.api.patient.ExpirePatientRegistrationCommand;
import br.com.healthmed.api.patient.PatientConfirmationRequestedEvent;
import br.com.healthmed.api.patient.PatientEmailConfirmedEvent;
import br.com.healthmed.api.patient.PatientRegistrationExpiredEvent;
import br.com.healthmed.api.patient.PatientDataErasedEvent;
import br.com.healthmed.api.patient.PatientId;
import br.com.healthmed.api.patient.PatientRegisteredEvent;
import br.com.healthmed.api.patient.PatientTimeBlockedEvent;
import br.com.healthmed.api.patient.PatientTimeReleasedEvent;
import br.com.healthmed.api.patient.PatientTimeConfirmedEvent;
import br.com.healthmed.api.patient.RegisterPatientCommand;
import br.com.healthmed.api.privacy.Sealed;
import br.com.healthmed.command.account.IdentifierTakenException;
import br.com.healthmed.command.account.LoginIdentifier;
import br.com.healthmed.command.support.InMemoryAccountRegistry;
import br.com.healthmed.command.support.InMemoryPersonalDataVault;
import br.com.healthmed.testing.MovableClock;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static br.com.healthmed.command.support.DomainTesting.actingAs;
import static br.com.healthmed.command.support.DomainTesting.inHours;
import static br.com.healthmed.command.support.Satisfies.eventPayloads;
import static br.com.healthmed.command.support.Satisfies.value;
import static org.assertj.core.api.Assertions.assertThat;

class PatientTest {

    private static final Email EMAIL = new Email("Maria.Silva@Example.com");
    private static final Cpf CPF = new Cpf("529.982.247-25");

    private final InMemoryPersonalDataVault vault = new InMemoryPersonalDataVault();
    private final InMemoryAccountRegistry accounts = new InMemoryAccountRegistry();
    private final PatientId patientId = PatientId.random();
    private static final Duration VALIDITY = Duration.ofHours(24);
    private FixtureConfiguration<Patient> fixture;
    private MovableClock clock;

    @BeforeEach
    void setUp() {
        AggregateTestFixture<Patient> created = new AggregateTestFixture<>(Patient.class);
        clock = new MovableClock(created.currentTime());
        fixture = created;
        fixture.registerInjectableResource(vault);
        fixture.registerInjectableResource(accounts);
        fixture.registerInjectableResource(clock);
        fixture.registerAnnotatedCommandHandler(new PatientRegistration(fixture.getRepository(), accounts, vault,
                new PatientConfirmationProperties(VALIDITY), clock));
    }

    private PatientRegisteredEvent registered() {
        var subject = patientId.value();
        return new PatientRegisteredEvent(patientId, vault.seal(subject, "Maria Silva"), vault.seal(subject, EMAIL.value()),
                vault.seal(subject, CPF.digits()), null, null);
    }

    private PatientTimeBlockedEvent blocked(AppointmentId appointmentId, TimeRange time) {
        return new PatientTimeBlockedEvent(patientId, appointmentId, time.start(), time.end());
    }

    private RegisterPatientCommand registration(Phone phone, LocalDate birthDate) {
        return new RegisterPatientCommand(patientId, new PersonName(" Maria   Silva "), EMAIL, CPF, phone, birthDate,
                new PasswordHash("$argon2id$hash"));
    }

    private static TimeRange hours(long fromNow, long toNow) {
        return new TimeRange(inHours(fromNow), inHours(toNow));
    }

    @Nested
    class Registration {

        @Test
        void registering_claims_email_and_cpf_and_seals_every_personal_field() {
            fixture.givenNoPriorActivity()
                    .when(registration(new Phone("(11) 98765-4321"), LocalDate.of(1990, 5, 17)))
                    .expectResultMessagePayload(patientId)
                    .expectEventsMatching(eventPayloads(events -> assertThat(events).first()
                            .isInstanceOfSatisfying(PatientRegisteredEvent.class, event -> {
                                assertThat(event.patientId()).isEqualTo(patientId);
                                assertThat(vault.text(event.name())).isEqualTo("Maria Silva");
                                assertThat(vault.text(event.email())).isEqualTo("maria.silva@example.com");
                                assertThat(vault.text(event.cpf())).isEqualTo("52998224725");
                                assertThat(vault.text(event.phone())).isEqualTo("5511987654321");
                                assertThat(vault.text(event.birthDate())).isEqualTo("1990-05-17");
                                assertThat(List.of(event.name(), event.email(), event.cpf(), event.phone(), event.birthDate()))
                                        .extracting(Sealed::subject).containsOnly(patientId.value());
                            })));

            assertThat(accounts.findByIdentifier(LoginIdentifier.patientEmail(new Email("maria.silva@example.com"))))
                    .hasValueSatisfying(account -> assertThat(account.role()).isEqualTo(Role.PATIENT));
            assertThat(accounts.findByIdentifier(LoginIdentifier.patientCpf(new Cpf("52998224725"))))
                    .hasValueSatisfying(account -> assertThat(account.accountId()).isEqualTo(patientId.value()));
        }

        @Test
        void phone_and_birth_date_are_optional() {
            fixture.givenNoPriorActivity()
                    .when(registration(null, null))
                    .expectEventsMatching(eventPayloads(events -> assertThat(events).first()
                            .isInstanceOfSatisfying(PatientRegisteredEvent.class, event -> {
                                assertThat(event.phone()).isNull();
                                assertThat(event.birthDate()).isNull();
                            })));
        }

        @Test
        void an_email_already_registered_in_any_case_is_rejected_before_anything_is_sealed() {
            accounts.register(PatientId.random().value(), Role.PATIENT, new PasswordHash("other"),
                    List.of(LoginIdentifier.patientEmail(new Email("MARIA.SILVA@example.com"))));

            fixture.givenNoPriorActivity()
                    .when(registration(null, null))
                    .expectException(value(e -> assertThat(e).isInstanceOfSatisfying(IdentifierTakenException.class,
                            taken -> assertThat(taken.code()).isEqualTo("email-already-registered"))))
                    .expectNoEvents();

            assertThat(vault.hasKeyFor(patientId.value())).isFalse();
        }

        @Test
        void a_cpf_already_registered_is_rejected_and_the_email_stays_free() {
            accounts.register(PatientId.random().value(), Role.PATIENT, new PasswordHash("other"),
                    List.of(LoginIdentifier.patientCpf(new Cpf("52998224725"))));

            fixture.givenNoPriorActivity()
                    .when(registration(null, null))
                    .expectException(value(e -> assertThat(e).isInstanceOfSatisfying(IdentifierTakenException.class,
                            taken -> assertThat(taken.code()).isEqualTo("cpf-already-registered"))))
                    .expectNoEvents();

            assertThat(accounts.findByIdentifier(LoginIdentifier.patientEmail(EMAIL))).isEmpty();
            assertThat(accounts.findById(patientId.value())).isEmpty();
            assertThat(vault.hasKeyFor(patientId.value())).isFalse();
        }
    }

    /** ADR 0033: a registration confirms its e-mail in time, or expires and gives e-mail and CPF back. */
    @Nested
    class Confirmation {

        private final Email email = new Email("maria.silva@example.com");

        @Test
        void a_new_registration_awaits_confirmation_and_may_not_log_in_until_then() {
            fixture.givenNoPriorActivity()
                    .when(registration(null, null))
                    .expectEventsMatching(eventPayloads(events -> {
                        assertThat(events).hasSize(2).first().isInstanceOf(PatientRegisteredEvent.class);
                        assertThat(events.get(1)).isEqualTo(
                                new PatientConfirmationRequestedEvent(patientId, clock.instant().plus(VALIDITY)));
                    }))
                    .expectScheduledDeadlineWithName(clock.instant().plus(VALIDITY), Patient.CONFIRMATION_EXPIRY);

            assertThat(accounts.findById(patientId.value())).hasValueSatisfying(account -> {
                assertThat(account.confirmed()).isFalse();
                assertThat(account.unconfirmedUntil()).isEqualTo(clock.instant().plus(VALIDITY));
            });
        }

        @Test
        void confirming_in_time_lets_the_account_log_in() {
            fixture.givenCommands(registration(null, null))
                    .when(new ConfirmPatientEmailCommand(patientId))
                    .expectEvents(new PatientEmailConfirmedEvent(patientId));
            assertThat(accounts.findById(patientId.value())).hasValueSatisfying(account -> assertThat(account.confirmed()).isTrue());
        }

        @Test
        void confirming_again_changes_nothing() {
            fixture.givenCommands(registration(null, null), new ConfirmPatientEmailCommand(patientId))
                    .when(new ConfirmPatientEmailCommand(patientId))
                    .expectNoEvents();
        }

        @Test
        void confirming_after_the_time_ran_out_is_refused_as_expired_even_before_the_deadline_ran() {
            var registered = fixture.givenCommands(registration(null, null));
            clock.moveTo(clock.instant().plus(VALIDITY));

            registered.when(new ConfirmPatientEmailCommand(patientId))
                    .expectException(ConfirmationTokenExpiredException.class)
                    .expectNoEvents();
        }

        @Test
        void an_unconfirmed_registration_expires_at_its_deadline_releasing_email_and_cpf_and_shredding_its_key() {
            Instant expiresAt = clock.instant().plus(VALIDITY);
            var registered = fixture.givenCommands(registration(null, null));
            clock.moveTo(expiresAt);
            registered.whenTimeAdvancesTo(expiresAt)
                    .expectTriggeredDeadlines(new Patient.ConfirmationDue(patientId))
                    .expectEvents(new PatientRegistrationExpiredEvent(patientId));

            assertThat(accounts.findByIdentifier(LoginIdentifier.patientEmail(email))).isEmpty();
            assertThat(accounts.findByIdentifier(LoginIdentifier.patientCpf(CPF))).isEmpty();
            assertThat(vault.hasKeyFor(patientId.value())).isFalse();
        }

        @Test
        void a_confirmed_registration_never_expires() {
            Instant expiresAt = clock.instant().plus(VALIDITY);
            var confirmed = fixture.givenCommands(registration(null, null), new ConfirmPatientEmailCommand(patientId));
            clock.moveTo(expiresAt);
            confirmed.whenTimeAdvancesTo(expiresAt)
                    .expectNoEvents();

            assertThat(accounts.findById(patientId.value())).isPresent();
        }

        @Test
        void an_expiry_asked_for_before_the_time_changes_nothing() {
            fixture.givenCommands(registration(null, null))
                    .when(new ExpirePatientRegistrationCommand(patientId))
                    .expectNoEvents();
        }

        @Test
        void an_expiry_asked_for_after_the_time_expires_the_registration_without_waiting_for_the_deadline() {
            var registered = fixture.givenCommands(registration(null, null));
            clock.moveTo(clock.instant().plus(VALIDITY));
            registered.when(new ExpirePatientRegistrationCommand(patientId))
                    .expectEvents(new PatientRegistrationExpiredEvent(patientId));
        }
    }

    @Nested
    class Calendar {

        private final AppointmentId first = AppointmentId.random();
        private final AppointmentId second = AppointmentId.random();

        @Test
        void an_appointment_blocks_its_time_in_the_patients_calendar() {
            fixture.given(registered())
                    .whenInvoking(patientId.toString(), patient -> patient.blockTime(first, hours(24, 25)))
                    .expectEvents(blocked(first, hours(24, 25)));
        }

        @Test
        void a_second_active_appointment_overlapping_the_first_is_rejected() {
            fixture.given(registered(), blocked(first, hours(24, 26)))
                    .whenInvoking(patientId.toString(), patient -> patient.blockTime(second, hours(25, 27)))
                    .expectException(PatientScheduleConflictException.class)
                    .expectNoEvents();
        }

        @Test
        void back_to_back_appointments_do_not_conflict() {
            fixture.given(registered(), blocked(first, hours(24, 25)))
                    .whenInvoking(patientId.toString(), patient -> patient.blockTime(second, hours(25, 26)))
                    .expectEvents(blocked(second, hours(25, 26)));
        }

        @Test
        void a_released_time_no_longer_blocks() {
            fixture.given(registered(), blocked(first, hours(24, 25)), new PatientTimeReleasedEvent(patientId, first))
                    .whenInvoking(patientId.toString(), patient -> patient.blockTime(second, hours(24, 25)))
                    .expectEvents(blocked(second, hours(24, 25)));
        }

        /** The doctor's move keeps the appointment accepted: it must not count against the pending-request cap. */
        @Test
        void a_move_that_stays_accepted_does_not_count_as_pending_again() {
            AppointmentId third = AppointmentId.random();
            AppointmentId fourth = AppointmentId.random();
            fixture.given(registered(), blocked(first, hours(24, 25)), new PatientTimeConfirmedEvent(patientId, first),
                            blocked(second, hours(26, 27)), blocked(third, hours(28, 29)))
                    .whenInvoking(patientId.toString(), patient -> {
                        patient.moveTime(first, hours(30, 31), false);
                        patient.requestTime(fourth, hours(32, 33), hours(0, 1).start(), 3);
                    })
                    .expectEvents(new PatientTimeReleasedEvent(patientId, first), blocked(first, hours(30, 31)),
                            new PatientTimeConfirmedEvent(patientId, first), blocked(fourth, hours(32, 33)));
        }

        @Test
        void a_move_by_the_doctor_reblocks_the_time_and_keeps_it_confirmed() {
            fixture.given(registered(), blocked(first, hours(24, 25)), new PatientTimeConfirmedEvent(patientId, first))
                    .whenInvoking(patientId.toString(), patient -> patient.moveTime(first, hours(30, 31), false))
                    .expectEvents(new PatientTimeReleasedEvent(patientId, first), blocked(first, hours(30, 31)),
                            new PatientTimeConfirmedEvent(patientId, first));
        }

        @Test
        void releasing_frees_the_appointments_time() {
            fixture.given(registered(), blocked(first, hours(24, 25)))
                    .whenInvoking(patientId.toString(), patient -> patient.releaseTime(first))
                    .expectEvents(new PatientTimeReleasedEvent(patientId, first));
        }

        @Test
        void releasing_a_time_that_is_not_blocked_changes_nothing() {
            fixture.given(registered(), blocked(first, hours(24, 25)), new PatientTimeReleasedEvent(patientId, first))
                    .whenInvoking(patientId.toString(), patient -> patient.releaseTime(first))
                    .expectNoEvents();
        }

        @Test
        void an_erased_patient_books_nothing_more() {
            fixture.given(registered(), new PatientDataErasedEvent(patientId))
                    .whenInvoking(patientId.toString(), patient -> patient.blockTime(first, hours(24, 25)))
                    .expectException(PatientNotFoundException.class);
        }
    }

    @Nested
    class Erasure {

        @Test
        void a_patient_erases_their_own_data_by_shredding_their_key_and_login() {
            PatientRegisteredEvent registered = registered();
            accounts.register(patientId.value(), Role.PATIENT, new PasswordHash("hash"),
                    List.of(LoginIdentifier.patientEmail(EMAIL), LoginIdentifier.patientCpf(CPF)));

            fixture.given(registered)
                    .when(new ErasePatientDataCommand(patientId), actingAs(Role.PATIENT, patientId.value()))
                    .expectEvents(new PatientDataErasedEvent(patientId));

            assertThat(vault.open(registered.name())).isEmpty();
            assertThat(vault.open(registered.cpf())).isEmpty();
            assertThat(accounts.findById(patientId.value())).isEmpty();
            assertThat(accounts.findByIdentifier(LoginIdentifier.patientEmail(EMAIL))).isEmpty();
        }

        @Test
        void an_admin_may_erase_a_patients_data() {
            fixture.given(registered())
                    .when(new ErasePatientDataCommand(patientId), actingAs(Role.ADMIN, UUID.randomUUID()))
                    .expectEvents(new PatientDataErasedEvent(patientId));
            assertThat(vault.hasKeyFor(patientId.value())).isFalse();
        }

        @Test
        void another_patient_gets_not_found_and_nothing_is_shredded() {
            PatientRegisteredEvent registered = registered();
            fixture.given(registered)
                    .when(new ErasePatientDataCommand(patientId), actingAs(Role.PATIENT, PatientId.random().value()))
                    .expectException(PatientNotFoundException.class)
                    .expectNoEvents();
            assertThat(vault.open(registered.name())).contains("Maria Silva");
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("br.com.healthmed.command.patient.PatientTest#strangers")
        void a_doctor_an_auditor_or_an_anonymous_caller_gets_not_found(String caller, MetaData metaData) {
            fixture.given(registered())
                    .when(new ErasePatientDataCommand(patientId), metaData)
                    .expectException(PatientNotFoundException.class)
                    .expectNoEvents();
            assertThat(vault.hasKeyFor(patientId.value())).isTrue();
        }

        @Test
        void erasing_twice_applies_no_second_event() {
            fixture.given(registered(), new PatientDataErasedEvent(patientId))
                    .when(new ErasePatientDataCommand(patientId), actingAs(Role.ADMIN, UUID.randomUUID()))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void erasing_an_unknown_patient_fails_as_not_found() {
            fixture.givenNoPriorActivity()
                    .when(new ErasePatientDataCommand(patientId), actingAs(Role.ADMIN, UUID.randomUUID()))
                    .expectException(AggregateNotFoundException.class);
        }
    }

    /** Callers that are neither the patient nor an ADMIN. */
    static Stream<Arguments> strangers() {
        UUID someone = UUID.randomUUID();
        return Stream.of(
                Arguments.of("a doctor", actingAs(Role.DOCTOR, someone)),
                Arguments.of("an auditor", actingAs(Role.AUDITOR, someone)),
                Arguments.of("nobody", MetaData.emptyInstance()));
    }
}
