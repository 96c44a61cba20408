package br.com.healthmed.command.doctor;

import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.common.Email;
import br.com.healthmed.api.common.InvalidValueException;
import br.com.healthmed.api.common.Money;
import br.com.healthmed.api.common.PasswordHash;
import br.com.healthmed.api.common.PersonName;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.common.TimeRange;
import br.com.healthmed.api.doctor.ConsultationPriceChangedEvent;
import br.com.healthmed.api.doctor.Crm;
import br.com.healthmed.api.common.Justification;
import br.com.healthmed.api.doctor.DeactivateDoctorCommand;
import br.com.healthmed.api.doctor.DoctorDeactivatedEvent;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.doctor.DoctorReactivatedEvent;
import br.com.healthmed.api.doctor.ReactivateDoctorCommand;
import br.com.healthmed.api.doctor.DoctorProfileUpdatedEvent;
import br.com.healthmed.api.doctor.DoctorRegisteredEvent;
import br.com.healthmed.api.doctor.DoctorRegistrationRejectedEvent;
import br.com.healthmed.api.doctor.DoctorVerificationLapsedEvent;
import br.com.healthmed.api.doctor.DoctorVerificationRevokedEvent;
import br.com.healthmed.api.doctor.RejectDoctorRegistrationCommand;
import br.com.healthmed.api.doctor.RevokeDoctorVerificationCommand;
import br.com.healthmed.api.doctor.DoctorVerifiedEvent;
import br.com.healthmed.api.doctor.RegisterDoctorCommand;
import br.com.healthmed.api.doctor.Specialty;
import br.com.healthmed.api.doctor.Uf;
import br.com.healthmed.api.doctor.UpdateDoctorProfileCommand;
import br.com.healthmed.api.doctor.VerifyDoctorCommand;
import br.com.healthmed.api.schedule.SlotHeldEvent;
import br.com.healthmed.api.schedule.SlotId;
import br.com.healthmed.api.schedule.SlotPublishedEvent;
import br.com.healthmed.api.schedule.SlotReleasedEvent;
import br.com.healthmed.command.account.IdentifierTakenException;
import br.com.healthmed.command.account.LoginIdentifier;
import br.com.healthmed.command.support.InMemoryAccountRegistry;
import br.com.healthmed.command.support.InMemoryPersonalDataVault;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static br.com.healthmed.command.support.DomainTesting.BOOKING;
import static br.com.healthmed.command.support.DomainTesting.CLOCK;
import static br.com.healthmed.command.support.DomainTesting.NOW;
import static br.com.healthmed.command.support.DomainTesting.inHours;
import static br.com.healthmed.command.support.Satisfies.eventPayloads;
import static br.com.healthmed.command.support.Satisfies.value;
import static org.assertj.core.api.Assertions.assertThat;

class DoctorTest {

    private static final String SAO_PAULO = "America/Sao_Paulo";
    private static final Money PRICE = Money.brl("250.00");
    private static final Crm CRM = Crm.of("123456", "SP");

    private final InMemoryPersonalDataVault vault = new InMemoryPersonalDataVault();
    private final InMemoryAccountRegistry accounts = new InMemoryAccountRegistry();
    private final DoctorId doctorId = DoctorId.random();
    private FixtureConfiguration<Doctor> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Doctor.class);
        fixture.registerInjectableResource(CLOCK);
        fixture.registerInjectableResource(BOOKING);
        fixture.registerInjectableResource(vault);
        fixture.registerInjectableResource(accounts);
        fixture.registerAnnotatedCommandHandler(new DoctorRegistration(fixture.getRepository(), accounts, vault));
    }

    private DoctorRegisteredEvent registered() {
        return registeredIn(SAO_PAULO);
    }

    private DoctorRegisteredEvent registeredIn(String zone) {
        var subject = doctorId.value();
        return new DoctorRegisteredEvent(doctorId, vault.seal(subject, "Ana Souza"), vault.seal(subject, "123456"), Uf.SP,
                vault.seal(subject, "ana@clinica.com.br"), Specialty.CARDIOLOGIA, PRICE, zone);
    }

    private DoctorVerifiedEvent verified() {
        return new DoctorVerifiedEvent(doctorId);
    }

    private SlotPublishedEvent published(SlotId slotId, TimeRange range) {
        return new SlotPublishedEvent(doctorId, slotId, range.start(), range.end());
    }

    /** A range starting {@code hours} from now and lasting {@code minutes}. */
    private static TimeRange slotAt(long hours, long minutes) {
        Instant start = inHours(hours);
        return new TimeRange(start, start.plus(Duration.ofMinutes(minutes)));
    }

    private static org.hamcrest.Matcher<Object> invalidValue(String code) {
        return value(e -> assertThat(e).isInstanceOfSatisfying(InvalidValueException.class,
                invalid -> assertThat(invalid.code()).isEqualTo(code)));
    }

    private static TimeRange between(Instant start, Instant end) {
        return new TimeRange(start, end);
    }

    private RegisterDoctorCommand registration(String zone, Money price) {
        return new RegisterDoctorCommand(doctorId, new PersonName("Ana Souza"), CRM, new Email("Ana@Clinica.com.br"),
                Specialty.CARDIOLOGIA, price, ZoneId.of(zone), new PasswordHash("$argon2id$hash"));
    }

    private UpdateDoctorProfileCommand profile(String name, String email, Specialty specialty, String price, String zone) {
        return new UpdateDoctorProfileCommand(doctorId, new PersonName(name), new Email(email), specialty,
                Money.brl(price), ZoneId.of(zone));
    }

    @Nested
    class Registration {

        @Test
        void registering_claims_the_crm_and_seals_every_personal_field() {
            fixture.givenNoPriorActivity()
                    .when(registration(SAO_PAULO, PRICE))
                    .expectResultMessagePayload(doctorId)
                    .expectEventsMatching(eventPayloads(events -> assertThat(events).singleElement()
                            .isInstanceOfSatisfying(DoctorRegisteredEvent.class, event -> {
                                assertThat(event.doctorId()).isEqualTo(doctorId);
                                assertThat(vault.text(event.name())).isEqualTo("Ana Souza");
                                assertThat(vault.text(event.crmNumber())).isEqualTo("123456");
                                assertThat(vault.text(event.email())).isEqualTo("ana@clinica.com.br");
                                assertThat(event.crmUf()).isEqualTo(Uf.SP);
                                assertThat(event.specialty()).isEqualTo(Specialty.CARDIOLOGIA);
                                assertThat(event.consultationPrice()).isEqualTo(PRICE);
                                assertThat(event.timeZone()).isEqualTo(SAO_PAULO);
                                assertThat(event.name().subject()).isEqualTo(doctorId.value());
                            })));

            assertThat(accounts.findByIdentifier(LoginIdentifier.doctorCrm(CRM)))
                    .hasValueSatisfying(account -> {
                        assertThat(account.accountId()).isEqualTo(doctorId.value());
                        assertThat(account.role()).isEqualTo(Role.DOCTOR);
                    });
        }

        @Test
        void a_newly_registered_doctor_is_unverified_and_cannot_be_booked() {
            fixture.given(registered())
                    .whenInvoking(doctorId.toString(), doctor -> doctor.terms().bookingPrice())
                    .expectException(DoctorNotVerifiedException.class)
                    .expectNoEvents();
        }

        @Test
        void a_crm_already_registered_is_rejected_before_anything_is_sealed() {
            accounts.register(DoctorId.random().value(), Role.DOCTOR, new PasswordHash("other"),
                    List.of(LoginIdentifier.doctorCrm(Crm.of("0123456", "sp"))));

            fixture.givenNoPriorActivity()
                    .when(registration(SAO_PAULO, PRICE))
                    .expectException(IdentifierTakenException.class)
                    .expectNoEvents();

            assertThat(vault.hasKeyFor(doctorId.value())).isFalse();
        }

        @Test
        void a_time_zone_outside_brazil_is_rejected() {
            fixture.givenNoPriorActivity()
                    .when(registration("Europe/Lisbon", PRICE))
                    .expectException(invalidValue("time-zone-invalid"))
                    .expectNoEvents();
            assertThat(accounts.size()).isZero();
        }

        @Test
        void a_free_consultation_is_rejected() {
            fixture.givenNoPriorActivity()
                    .when(registration(SAO_PAULO, Money.brl("0.00")))
                    .expectException(invalidValue("price-out-of-range"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Verification {

        @Test
        void an_admin_verifies_a_registered_doctor() {
            fixture.given(registered())
                    .when(new VerifyDoctorCommand(doctorId))
                    .expectEvents(new DoctorVerifiedEvent(doctorId));
        }

        @Test
        void verifying_twice_applies_no_second_event() {
            fixture.given(registered(), verified())
                    .when(new VerifyDoctorCommand(doctorId))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void verifying_an_unknown_doctor_fails_as_not_found() {
            fixture.givenNoPriorActivity()
                    .when(new VerifyDoctorCommand(doctorId))
                    .expectException(AggregateNotFoundException.class);
        }
    }

    @Nested
    class Deactivation {

        private static final Justification REASON = Justification.of("Registro no CRM cassado pelo conselho", "reason");

        private void registerAccount() {
            accounts.register(doctorId.value(), Role.DOCTOR, new PasswordHash("$argon2id$hash"),
                    List.of(LoginIdentifier.doctorCrm(CRM)));
        }

        @Test
        void an_admin_deactivates_a_doctor_with_a_reason_sealed_with_the_doctors_key_and_the_account_with_it() {
            registerAccount();
            fixture.given(registered(), verified())
                    .when(new DeactivateDoctorCommand(doctorId, REASON))
                    .expectEventsMatching(eventPayloads(events -> assertThat(events).singleElement()
                            .isInstanceOfSatisfying(DoctorDeactivatedEvent.class, event -> {
                                assertThat(event.doctorId()).isEqualTo(doctorId);
                                assertThat(event.reason().subject()).isEqualTo(doctorId.value());
                                assertThat(vault.text(event.reason())).isEqualTo("Registro no CRM cassado pelo conselho");
                            })));

            assertThat(accounts.findById(doctorId.value())).hasValueSatisfying(account -> assertThat(account.active()).isFalse());
        }

        @Test
        void a_deactivation_without_a_real_reason_is_rejected() {
            fixture.given(registered(), verified())
                    .when(new DeactivateDoctorCommand(doctorId, new Justification("porque")))
                    .expectException(invalidValue("reason-too-short"))
                    .expectNoEvents();
        }

        @Test
        void deactivating_twice_applies_no_second_event() {
            fixture.given(registered(), verified(), new DoctorDeactivatedEvent(doctorId, vault.seal(doctorId.value(), "x")))
                    .when(new DeactivateDoctorCommand(doctorId, REASON))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void a_deactivated_doctor_cannot_be_booked() {
            fixture.given(registered(), verified(), new DoctorDeactivatedEvent(doctorId, vault.seal(doctorId.value(), "x")))
                    .whenInvoking(doctorId.toString(), doctor -> doctor.terms().bookingPrice())
                    .expectException(DoctorDeactivatedException.class);
        }

        @Test
        void a_reactivated_doctor_is_bookable_again_and_can_log_in() {
            registerAccount();
            accounts.deactivate(doctorId.value(), NOW);
            fixture.given(registered(), verified(), new DoctorDeactivatedEvent(doctorId, vault.seal(doctorId.value(), "x")))
                    .when(new ReactivateDoctorCommand(doctorId))
                    .expectEvents(new DoctorReactivatedEvent(doctorId));
            assertThat(accounts.findById(doctorId.value())).hasValueSatisfying(account -> assertThat(account.active()).isTrue());

            fixture.given(registered(), verified(), new DoctorDeactivatedEvent(doctorId, vault.seal(doctorId.value(), "x")),
                            new DoctorReactivatedEvent(doctorId))
                    .whenInvoking(doctorId.toString(), doctor -> doctor.terms().bookingPrice())
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void reactivating_an_active_doctor_applies_nothing() {
            fixture.given(registered(), verified())
                    .when(new ReactivateDoctorCommand(doctorId))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }

    /** Issue 9 item 7 (ADR 0026): an ADMIN rejects a pending registration or revokes a verification; both are final. */
    @Nested
    class RejectionAndRevocation {

        private static final Justification REASON = Justification.of("CRM pertence a outra pessoa", "reason");

        private void registerAccount() {
            accounts.register(doctorId.value(), Role.DOCTOR, new PasswordHash("$argon2id$hash"),
                    List.of(LoginIdentifier.doctorCrm(CRM)));
        }

        private DoctorRegistrationRejectedEvent rejected() {
            return new DoctorRegistrationRejectedEvent(doctorId, vault.seal(doctorId.value(), "x"));
        }

        private DoctorVerificationRevokedEvent revoked() {
            return new DoctorVerificationRevokedEvent(doctorId, vault.seal(doctorId.value(), "x"));
        }

        @Test
        void rejecting_a_pending_registration_seals_the_reason_and_frees_the_crm_for_its_real_holder() {
            registerAccount();
            fixture.given(registered())
                    .when(new RejectDoctorRegistrationCommand(doctorId, REASON))
                    .expectEventsMatching(eventPayloads(events -> assertThat(events).singleElement()
                            .isInstanceOfSatisfying(DoctorRegistrationRejectedEvent.class, event -> {
                                assertThat(event.reason().subject()).isEqualTo(doctorId.value());
                                assertThat(vault.text(event.reason())).isEqualTo("CRM pertence a outra pessoa");
                            })));

            assertThat(accounts.findById(doctorId.value())).isEmpty();
            assertThat(accounts.findByIdentifier(LoginIdentifier.doctorCrm(CRM))).isEmpty();
        }

        @Test
        void a_rejection_without_a_real_reason_is_refused() {
            fixture.given(registered())
                    .when(new RejectDoctorRegistrationCommand(doctorId, new Justification("não")))
                    .expectException(invalidValue("reason-too-short"))
                    .expectNoEvents();
        }

        @Test
        void a_verified_doctor_is_revoked_not_rejected() {
            registerAccount();
            fixture.given(registered(), verified())
                    .when(new RejectDoctorRegistrationCommand(doctorId, REASON))
                    .expectException(DoctorAlreadyVerifiedException.class)
                    .expectNoEvents();
            assertThat(accounts.findById(doctorId.value())).isPresent();
        }

        @Test
        void revoking_a_verification_seals_the_reason_frees_the_crm_and_stops_bookings() {
            registerAccount();
            fixture.given(registered(), verified())
                    .when(new RevokeDoctorVerificationCommand(doctorId, REASON))
                    .expectEventsMatching(eventPayloads(events -> assertThat(events).singleElement()
                            .isInstanceOfSatisfying(DoctorVerificationRevokedEvent.class,
                                    event -> assertThat(vault.text(event.reason())).isEqualTo("CRM pertence a outra pessoa"))));
            assertThat(accounts.findByIdentifier(LoginIdentifier.doctorCrm(CRM))).isEmpty();

            fixture.given(registered(), verified(), revoked())
                    .whenInvoking(doctorId.toString(), doctor -> doctor.terms().bookingPrice())
                    .expectException(DoctorNotVerifiedException.class);
        }

        @Test
        void a_doctor_never_verified_is_rejected_not_revoked() {
            fixture.given(registered())
                    .when(new RevokeDoctorVerificationCommand(doctorId, REASON))
                    .expectException(DoctorNotVerifiedException.class)
                    .expectNoEvents();
        }

        @Test
        void rejecting_or_revoking_again_applies_nothing() {
            fixture.given(registered(), rejected())
                    .when(new RejectDoctorRegistrationCommand(doctorId, REASON))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
            fixture.given(registered(), verified(), revoked())
                    .when(new RevokeDoctorVerificationCommand(doctorId, REASON))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void a_rejected_registration_is_never_verified() {
            fixture.given(registered(), rejected())
                    .when(new VerifyDoctorCommand(doctorId))
                    .expectException(DoctorRegistrationClosedException.class)
                    .expectNoEvents();
        }

        @Test
        void a_revoked_doctor_is_not_reactivated_nor_verified_again() {
            fixture.given(registered(), verified(), new DoctorDeactivatedEvent(doctorId, vault.seal(doctorId.value(), "x")),
                            revoked())
                    .when(new ReactivateDoctorCommand(doctorId))
                    .expectException(DoctorRegistrationClosedException.class)
                    .expectNoEvents();
            fixture.given(registered(), verified(), revoked())
                    .when(new VerifyDoctorCommand(doctorId))
                    .expectException(DoctorRegistrationClosedException.class)
                    .expectNoEvents();
        }

        @Test
        void a_closed_registration_cannot_edit_its_profile() {
            fixture.given(registered(), rejected())
                    .when(profile("Ana Souza Lima", "ana@clinica.com.br", Specialty.CARDIOLOGIA, "250.00", SAO_PAULO))
                    .expectException(DoctorRegistrationClosedException.class)
                    .expectNoEvents();
        }
    }

    /** Issue 9 item 7: the verification vouched for a name and a specialty; changing either asks for it again. */
    @Nested
    class Reverification {

        @Test
        void a_verified_doctor_changing_their_name_awaits_verification_again() {
            fixture.given(registered(), verified())
                    .when(profile("Beatriz Lima", "ana@clinica.com.br", Specialty.CARDIOLOGIA, "250.00", SAO_PAULO))
                    .expectEventsMatching(eventPayloads(events -> {
                        assertThat(events).hasSize(2);
                        assertThat(events.getFirst()).isInstanceOf(DoctorProfileUpdatedEvent.class);
                        assertThat(events.getLast()).isEqualTo(new DoctorVerificationLapsedEvent(doctorId));
                    }));
        }

        @Test
        void a_verified_doctor_changing_their_specialty_awaits_verification_again_and_cannot_be_booked() {
            fixture.given(registered(), verified())
                    .when(profile("Ana Souza", "ana@clinica.com.br", Specialty.PEDIATRIA, "250.00", SAO_PAULO))
                    .expectEventsMatching(eventPayloads(events ->
                            assertThat(events.getLast()).isEqualTo(new DoctorVerificationLapsedEvent(doctorId))));

            fixture.given(registered(), verified(), new DoctorVerificationLapsedEvent(doctorId))
                    .whenInvoking(doctorId.toString(), doctor -> doctor.terms().bookingPrice())
                    .expectException(DoctorNotVerifiedException.class);
        }

        @Test
        void a_new_email_time_zone_or_price_keeps_the_verification() {
            fixture.given(registered(), verified())
                    .when(profile("Ana Souza", "ana.souza@clinica.com.br", Specialty.CARDIOLOGIA, "300.00", "America/Manaus"))
                    .expectEventsMatching(eventPayloads(events -> assertThat(events)
                            .noneMatch(DoctorVerificationLapsedEvent.class::isInstance).hasSize(2)));
        }

        @Test
        void a_pending_doctor_changing_their_name_stays_pending_without_a_lapse() {
            fixture.given(registered())
                    .when(profile("Beatriz Lima", "ana@clinica.com.br", Specialty.CARDIOLOGIA, "250.00", SAO_PAULO))
                    .expectEventsMatching(eventPayloads(events -> assertThat(events).singleElement()
                            .isInstanceOf(DoctorProfileUpdatedEvent.class)));
        }

        @Test
        void an_admin_verifies_a_lapsed_doctor_again() {
            fixture.given(registered(), verified(), new DoctorVerificationLapsedEvent(doctorId))
                    .when(new VerifyDoctorCommand(doctorId))
                    .expectEvents(new DoctorVerifiedEvent(doctorId));
        }
    }

    @Nested
    class ProfileUpdate {

        @Test
        void a_new_name_applies_a_profile_update_sealed_with_the_doctors_key() {
            fixture.given(registered())
                    .when(profile("Ana Souza Lima", "ana@clinica.com.br", Specialty.CARDIOLOGIA, "250.00", SAO_PAULO))
                    .expectEventsMatching(eventPayloads(events -> assertThat(events).singleElement()
                            .isInstanceOfSatisfying(DoctorProfileUpdatedEvent.class, event -> {
                                assertThat(vault.text(event.name())).isEqualTo("Ana Souza Lima");
                                assertThat(vault.text(event.email())).isEqualTo("ana@clinica.com.br");
                                assertThat(event.specialty()).isEqualTo(Specialty.CARDIOLOGIA);
                                assertThat(event.timeZone()).isEqualTo(SAO_PAULO);
                                assertThat(event.email().subject()).isEqualTo(doctorId.value());
                            })));
        }

        @Test
        void a_new_specialty_or_time_zone_applies_a_profile_update() {
            fixture.given(registered())
                    .when(profile("Ana Souza", "ana@clinica.com.br", Specialty.PEDIATRIA, "250.00", "America/Manaus"))
                    .expectEventsMatching(eventPayloads(events -> assertThat(events).singleElement()
                            .isInstanceOfSatisfying(DoctorProfileUpdatedEvent.class, event -> {
                                assertThat(event.specialty()).isEqualTo(Specialty.PEDIATRIA);
                                assertThat(event.timeZone()).isEqualTo("America/Manaus");
                            })));
        }

        @Test
        void a_new_price_applies_only_a_price_change() {
            fixture.given(registered())
                    .when(profile("Ana Souza", "ana@clinica.com.br", Specialty.CARDIOLOGIA, "300", SAO_PAULO))
                    .expectEvents(new ConsultationPriceChangedEvent(doctorId, Money.brl("300.00")));
        }

        @Test
        void a_new_email_and_price_apply_both_events() {
            fixture.given(registered())
                    .when(profile("Ana Souza", "ana.souza@clinica.com.br", Specialty.CARDIOLOGIA, "300.00", SAO_PAULO))
                    .expectEventsMatching(eventPayloads(events -> {
                        assertThat(events).hasSize(2);
                        assertThat(events.getFirst()).isInstanceOfSatisfying(DoctorProfileUpdatedEvent.class,
                                event -> assertThat(vault.text(event.email())).isEqualTo("ana.souza@clinica.com.br"));
                        assertThat(events.getLast()).isEqualTo(new ConsultationPriceChangedEvent(doctorId, Money.brl("300.00")));
                    }));
        }

        @Test
        void an_unchanged_profile_applies_no_event() {
            fixture.given(registered())
                    .when(profile("Ana  Souza", "ANA@clinica.com.br", Specialty.CARDIOLOGIA, "250", SAO_PAULO))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void a_price_out_of_range_is_rejected() {
            fixture.given(registered())
                    .when(profile("Ana Souza", "ana@clinica.com.br", Specialty.CARDIOLOGIA, "100000.01", SAO_PAULO))
                    .expectException(invalidValue("price-out-of-range"))
                    .expectNoEvents();
        }

        @Test
        void a_time_zone_outside_brazil_is_rejected() {
            fixture.given(registered())
                    .when(profile("Ana Souza", "ana@clinica.com.br", Specialty.CARDIOLOGIA, "250", "UTC"))
                    .expectException(invalidValue("time-zone-invalid"))
                    .expectNoEvents();
        }
    }

    /** Slots in the doctor's own stream were published before day schedules (ADR 0011); they stay bookable there. */
    @Nested
    class HoldingALegacySlot {

        private final SlotId slotId = SlotId.random();
        private final AppointmentId appointmentId = AppointmentId.random();
        private final TimeRange range = slotAt(24, 30);

        @Test
        void holding_a_free_slot_quotes_its_time_and_the_current_price() {
            AtomicReference<HeldSlot> held = new AtomicReference<>();
            fixture.given(registered(), verified(), new ConsultationPriceChangedEvent(doctorId, Money.brl("320.00")),
                            published(slotId, range))
                    .whenInvoking(doctorId.toString(),
                            doctor -> held.set(doctor.holdSlot(slotId, appointmentId, NOW, BOOKING.minimumNotice())))
                    .expectEvents(new SlotHeldEvent(doctorId, slotId, appointmentId));

            assertThat(held.get()).isEqualTo(new HeldSlot(range, Money.brl("320.00")));
        }

        @Test
        void a_held_slot_is_unavailable_to_a_second_appointment() {
            fixture.given(registered(), verified(), published(slotId, range), new SlotHeldEvent(doctorId, slotId, appointmentId))
                    .whenInvoking(doctorId.toString(),
                            doctor -> doctor.holdSlot(slotId, AppointmentId.random(), NOW, BOOKING.minimumNotice()))
                    .expectException(SlotUnavailableException.class)
                    .expectNoEvents();
        }

        @Test
        void a_released_slot_can_be_held_again() {
            AppointmentId next = AppointmentId.random();
            fixture.given(registered(), verified(), published(slotId, range),
                            new SlotHeldEvent(doctorId, slotId, appointmentId), new SlotReleasedEvent(doctorId, slotId, appointmentId))
                    .whenInvoking(doctorId.toString(), doctor -> doctor.holdSlot(slotId, next, NOW, BOOKING.minimumNotice()))
                    .expectEvents(new SlotHeldEvent(doctorId, slotId, next));
        }

        @Test
        void an_unknown_slot_is_not_found() {
            fixture.given(registered(), verified(), published(slotId, range))
                    .whenInvoking(doctorId.toString(),
                            doctor -> doctor.holdSlot(SlotId.random(), appointmentId, NOW, BOOKING.minimumNotice()))
                    .expectException(SlotNotFoundException.class);
        }

        @Test
        void a_slot_starting_exactly_at_the_minimum_notice_can_be_held() {
            TimeRange inTwoHours = slotAt(2, 30);
            fixture.given(registered(), verified(), published(slotId, inTwoHours))
                    .whenInvoking(doctorId.toString(),
                            doctor -> doctor.holdSlot(slotId, appointmentId, NOW, BOOKING.minimumNotice()))
                    .expectEvents(new SlotHeldEvent(doctorId, slotId, appointmentId));
        }

        @Test
        void a_slot_starting_within_the_minimum_notice_cannot_be_held() {
            TimeRange soon = between(NOW.plus(Duration.ofMinutes(119)), NOW.plus(Duration.ofMinutes(149)));
            fixture.given(registered(), verified(), published(slotId, soon))
                    .whenInvoking(doctorId.toString(),
                            doctor -> doctor.holdSlot(slotId, appointmentId, NOW, BOOKING.minimumNotice()))
                    .expectException(BookingNoticeTooShortException.class)
                    .expectNoEvents();
        }

        @Test
        void an_unverified_doctor_cannot_be_booked() {
            fixture.given(registered())
                    .whenInvoking(doctorId.toString(),
                            doctor -> doctor.holdSlot(slotId, appointmentId, NOW, BOOKING.minimumNotice()))
                    .expectException(DoctorNotVerifiedException.class);
        }

        @Test
        void releasing_frees_the_slot_held_by_that_appointment() {
            fixture.given(registered(), verified(), published(slotId, range), new SlotHeldEvent(doctorId, slotId, appointmentId))
                    .whenInvoking(doctorId.toString(), doctor -> doctor.releaseSlot(slotId, appointmentId))
                    .expectEvents(new SlotReleasedEvent(doctorId, slotId, appointmentId));
        }

        @Test
        void releasing_for_another_appointment_changes_nothing() {
            fixture.given(registered(), verified(), published(slotId, range), new SlotHeldEvent(doctorId, slotId, appointmentId))
                    .whenInvoking(doctorId.toString(), doctor -> doctor.releaseSlot(slotId, AppointmentId.random()))
                    .expectNoEvents();
        }

        @Test
        void releasing_twice_changes_nothing() {
            fixture.given(registered(), verified(), published(slotId, range),
                            new SlotHeldEvent(doctorId, slotId, appointmentId), new SlotReleasedEvent(doctorId, slotId, appointmentId))
                    .whenInvoking(doctorId.toString(), doctor -> doctor.releaseSlot(slotId, appointmentId))
                    .expectNoEvents();
        }
    }
}
