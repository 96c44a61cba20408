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
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.doctor.DoctorProfileUpdatedEvent;
import br.com.healthmed.api.doctor.DoctorRegisteredEvent;
import br.com.healthmed.api.doctor.DoctorVerifiedEvent;
import br.com.healthmed.api.doctor.RegisterDoctorCommand;
import br.com.healthmed.api.doctor.Specialty;
import br.com.healthmed.api.doctor.Uf;
import br.com.healthmed.api.doctor.UpdateDoctorProfileCommand;
import br.com.healthmed.api.doctor.VerifyDoctorCommand;
import br.com.healthmed.api.schedule.MoveSlotCommand;
import br.com.healthmed.api.schedule.PatternId;
import br.com.healthmed.api.schedule.PublishSlotCommand;
import br.com.healthmed.api.schedule.PublishWeeklyPatternCommand;
import br.com.healthmed.api.schedule.RemoveSlotCommand;
import br.com.healthmed.api.schedule.SlotHeldEvent;
import br.com.healthmed.api.schedule.SlotId;
import br.com.healthmed.api.schedule.SlotMovedEvent;
import br.com.healthmed.api.schedule.SlotPublishedEvent;
import br.com.healthmed.api.schedule.SlotReleasedEvent;
import br.com.healthmed.api.schedule.SlotRemovedEvent;
import br.com.healthmed.api.schedule.SlotsPublished;
import br.com.healthmed.api.schedule.WeeklyPattern;
import br.com.healthmed.api.schedule.WeeklyPatternPublishedEvent;
import br.com.healthmed.command.account.IdentifierTakenException;
import br.com.healthmed.command.account.LoginIdentifier;
import br.com.healthmed.command.support.InMemoryAccountRegistry;
import br.com.healthmed.command.support.InMemoryPersonalDataVault;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.ResultValidator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
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

    private SlotPublishedEvent fromPattern(PatternId patternId, SlotId slotId, String start, String end) {
        return new SlotPublishedEvent(doctorId, slotId, Instant.parse(start), Instant.parse(end), patternId);
    }

    private SlotPublishedEvent published(SlotId slotId, TimeRange range) {
        return new SlotPublishedEvent(doctorId, slotId, range.start(), range.end());
    }

    /** A range starting {@code hours} from now and lasting {@code minutes}. */
    private static TimeRange slotAt(long hours, long minutes) {
        Instant start = inHours(hours);
        return new TimeRange(start, start.plus(Duration.ofMinutes(minutes)));
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

    /**
     * The command answers one new slot id, and its only event publishes that slot for this doctor at exactly the
     * requested start and end. Returns the new id.
     */
    private SlotId expectOneSlotPublished(ResultValidator<Doctor> result, TimeRange range) {
        AtomicReference<SlotId> slotId = new AtomicReference<>();
        result.expectSuccessfulHandlerExecution()
                .expectResultMessagePayloadMatching(value((SlotsPublished published) -> {
                    assertThat(published.slotIds()).hasSize(1);
                    slotId.set(published.slotIds().getFirst());
                }))
                .expectEventsMatching(eventPayloads(events -> assertThat(events)
                        .containsExactly(published(slotId.get(), range))));
        return slotId.get();
    }

    private static org.hamcrest.Matcher<Object> invalidValue(String code) {
        return value(e -> assertThat(e).isInstanceOfSatisfying(InvalidValueException.class,
                invalid -> assertThat(invalid.code()).isEqualTo(code)));
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
        void a_newly_registered_doctor_is_unverified_and_cannot_publish_slots() {
            fixture.given(registered())
                    .when(new PublishSlotCommand(doctorId, slotAt(24, 30)))
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

    @Nested
    class PublishingASlot {

        @Test
        void a_verified_doctor_publishes_a_free_slot() {
            TimeRange range = slotAt(24, 30);
            AtomicReference<SlotsPublished> result = new AtomicReference<>();
            fixture.given(registered(), verified())
                    .when(new PublishSlotCommand(doctorId, range))
                    .expectResultMessagePayloadMatching(value((SlotsPublished published) -> {
                        assertThat(published.slotIds()).hasSize(1);
                        result.set(published);
                    }))
                    .expectEventsMatching(eventPayloads(events -> assertThat(events)
                            .containsExactly(published(result.get().slotIds().getFirst(), range))));
        }

        @Test
        void an_unverified_doctor_cannot_publish() {
            fixture.given(registered())
                    .when(new PublishSlotCommand(doctorId, slotAt(24, 30)))
                    .expectException(DoctorNotVerifiedException.class)
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "{0} minutes")
        @ValueSource(ints = {10, 240})
        void slots_of_ten_to_two_hundred_and_forty_minutes_are_accepted(int minutes) {
            TimeRange range = slotAt(24, minutes);
            expectOneSlotPublished(fixture.given(registered(), verified())
                    .when(new PublishSlotCommand(doctorId, range)), range);
        }

        @ParameterizedTest(name = "{0} minutes")
        @ValueSource(ints = {9, 241})
        void a_slot_shorter_than_ten_or_longer_than_two_hundred_and_forty_minutes_is_rejected(int minutes) {
            fixture.given(registered(), verified())
                    .when(new PublishSlotCommand(doctorId, slotAt(24, minutes)))
                    .expectException(SlotLengthInvalidException.class)
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "{0} hours from now")
        @ValueSource(ints = {0, -1})
        void a_slot_starting_now_or_earlier_is_rejected(int hours) {
            fixture.given(registered(), verified())
                    .when(new PublishSlotCommand(doctorId, slotAt(hours, 30)))
                    .expectException(SlotInPastException.class)
                    .expectNoEvents();
        }

        @Test
        void a_slot_starting_exactly_one_hundred_and_eighty_days_ahead_is_accepted() {
            Instant start = NOW.plus(Duration.ofDays(180));
            TimeRange range = between(start, start.plus(Duration.ofMinutes(30)));
            expectOneSlotPublished(fixture.given(registered(), verified())
                    .when(new PublishSlotCommand(doctorId, range)), range);
        }

        @Test
        void a_slot_starting_more_than_one_hundred_and_eighty_days_ahead_is_rejected() {
            Instant start = NOW.plus(Duration.ofDays(180)).plusSeconds(60);
            fixture.given(registered(), verified())
                    .when(new PublishSlotCommand(doctorId, between(start, start.plus(Duration.ofMinutes(30)))))
                    .expectException(SlotTooFarAheadException.class)
                    .expectNoEvents();
        }

        @Test
        void a_slot_overlapping_another_is_rejected() {
            TimeRange existing = slotAt(24, 30);
            fixture.given(registered(), verified(), published(SlotId.random(), existing))
                    .when(new PublishSlotCommand(doctorId, between(existing.start().plusSeconds(15 * 60),
                            existing.end().plusSeconds(15 * 60))))
                    .expectException(SlotOverlapException.class)
                    .expectNoEvents();
        }

        @Test
        void a_slot_inside_another_is_rejected() {
            TimeRange existing = slotAt(24, 60);
            fixture.given(registered(), verified(), published(SlotId.random(), existing))
                    .when(new PublishSlotCommand(doctorId, between(existing.start().plusSeconds(600),
                            existing.start().plusSeconds(1800))))
                    .expectException(SlotOverlapException.class);
        }

        @Test
        void back_to_back_slots_do_not_overlap() {
            TimeRange existing = slotAt(24, 30);
            TimeRange next = between(existing.end(), existing.end().plusSeconds(1800));
            expectOneSlotPublished(fixture.given(registered(), verified(), published(SlotId.random(), existing))
                    .when(new PublishSlotCommand(doctorId, next)), next);
        }

        @Test
        void a_removed_slots_time_can_be_published_again() {
            SlotId removed = SlotId.random();
            TimeRange range = slotAt(24, 30);
            SlotId republished = expectOneSlotPublished(fixture.given(registered(), verified(), published(removed, range),
                            new SlotRemovedEvent(doctorId, removed))
                    .when(new PublishSlotCommand(doctorId, range)), range);
            assertThat(republished).as("a new slot, not the removed one brought back").isNotEqualTo(removed);
        }

        @Test
        void a_slot_without_a_time_range_is_rejected() {
            fixture.given(registered(), verified())
                    .when(new PublishSlotCommand(doctorId, null))
                    .expectException(invalidValue("time-range-required"))
                    .expectNoEvents();
        }
    }

    @Nested
    class PublishingAWeeklyPattern {

        private static final LocalDate NEXT_MONDAY = LocalDate.of(2030, 1, 14);

        private WeeklyPattern pattern(Set<DayOfWeek> days, String start, String end, int minutes, LocalDate from, LocalDate to) {
            return new WeeklyPattern(days, LocalTime.parse(start), LocalTime.parse(end), minutes, from, to);
        }

        /** The slots a pattern generated: every event after the pattern's own, which comes first. */
        private static List<Object> slotsOf(List<?> events) {
            assertThat(events.getFirst()).isInstanceOf(WeeklyPatternPublishedEvent.class);
            return List.copyOf(events.subList(1, events.size()));
        }

        @Test
        void a_pattern_becomes_back_to_back_slots_on_its_weekdays_in_chronological_order() {
            WeeklyPattern mondaysAndWednesdays = pattern(EnumSet.of(DayOfWeek.WEDNESDAY, DayOfWeek.MONDAY),
                    "09:00", "10:00", 30, NEXT_MONDAY, NEXT_MONDAY.plusDays(6));
            AtomicReference<SlotsPublished> result = new AtomicReference<>();

            fixture.given(registered(), verified())
                    .when(new PublishWeeklyPatternCommand(doctorId, mondaysAndWednesdays))
                    .expectResultMessagePayloadMatching(value((SlotsPublished published) -> result.set(published)))
                    .expectEventsMatching(eventPayloads(events -> {
                        List<SlotId> ids = result.get().slotIds();
                        PatternId patternId = ((WeeklyPatternPublishedEvent) events.getFirst()).patternId();
                        assertThat(slotsOf(events)).containsExactly(
                                fromPattern(patternId, ids.get(0), "2030-01-14T12:00:00Z", "2030-01-14T12:30:00Z"),
                                fromPattern(patternId, ids.get(1), "2030-01-14T12:30:00Z", "2030-01-14T13:00:00Z"),
                                fromPattern(patternId, ids.get(2), "2030-01-16T12:00:00Z", "2030-01-16T12:30:00Z"),
                                fromPattern(patternId, ids.get(3), "2030-01-16T12:30:00Z", "2030-01-16T13:00:00Z"));
                    }));
        }

        @Test
        void the_pattern_is_recorded_as_the_doctor_entered_it_with_the_doctors_time_zone() {
            fixture.given(registeredIn("America/Manaus"), verified())
                    .when(new PublishWeeklyPatternCommand(doctorId, pattern(EnumSet.of(DayOfWeek.WEDNESDAY, DayOfWeek.MONDAY),
                            "09:00", "10:00", 30, NEXT_MONDAY, NEXT_MONDAY.plusDays(6))))
                    .expectEventsMatching(eventPayloads(events -> assertThat(events.getFirst())
                            .isInstanceOfSatisfying(WeeklyPatternPublishedEvent.class, intent -> {
                                assertThat(intent.doctorId()).isEqualTo(doctorId);
                                assertThat(intent.weekdays()).containsExactly(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY);
                                assertThat(intent.startTime()).isEqualTo(LocalTime.of(9, 0));
                                assertThat(intent.endTime()).isEqualTo(LocalTime.of(10, 0));
                                assertThat(intent.slotMinutes()).isEqualTo(30);
                                assertThat(intent.fromDate()).isEqualTo(NEXT_MONDAY);
                                assertThat(intent.toDate()).isEqualTo(NEXT_MONDAY.plusDays(6));
                                assertThat(intent.timeZone()).isEqualTo("America/Manaus");
                                assertThat(intent.slotCount()).isEqualTo(4).isEqualTo(events.size() - 1);
                            })));
        }

        @Test
        void a_slot_published_on_its_own_belongs_to_no_pattern() {
            fixture.given(registered(), verified())
                    .when(new PublishSlotCommand(doctorId, slotAt(48, 30)))
                    .expectEventsMatching(eventPayloads(events -> assertThat(events).singleElement()
                            .isInstanceOfSatisfying(SlotPublishedEvent.class, event -> assertThat(event.patternId()).isNull())));
        }

        @Test
        void the_pattern_is_read_in_the_doctors_time_zone() {
            fixture.given(registeredIn("America/Manaus"), verified())
                    .when(new PublishWeeklyPatternCommand(doctorId,
                            pattern(EnumSet.of(DayOfWeek.MONDAY), "09:00", "09:30", 30, NEXT_MONDAY, NEXT_MONDAY)))
                    .expectEventsMatching(eventPayloads(events -> assertThat(slotsOf(events)).singleElement()
                            .isInstanceOfSatisfying(SlotPublishedEvent.class,
                                    event -> assertThat(event.start()).isEqualTo(Instant.parse("2030-01-14T13:00:00Z")))));
        }

        @Test
        void the_remainder_of_a_day_shorter_than_a_slot_is_skipped() {
            fixture.given(registered(), verified())
                    .when(new PublishWeeklyPatternCommand(doctorId,
                            pattern(EnumSet.of(DayOfWeek.MONDAY), "09:00", "10:10", 30, NEXT_MONDAY, NEXT_MONDAY)))
                    .expectEventsMatching(eventPayloads(events -> assertThat(slotsOf(events)).hasSize(2)
                            .last().isInstanceOfSatisfying(SlotPublishedEvent.class,
                                    event -> assertThat(event.end()).isEqualTo(Instant.parse("2030-01-14T13:00:00Z")))));
        }

        @Test
        void a_pattern_whose_weekdays_never_occur_in_its_dates_is_rejected() {
            fixture.given(registered(), verified())
                    .when(new PublishWeeklyPatternCommand(doctorId,
                            pattern(EnumSet.of(DayOfWeek.SATURDAY), "09:00", "12:00", 30, NEXT_MONDAY, NEXT_MONDAY.plusDays(4))))
                    .expectException(PatternEmptyException.class)
                    .expectNoEvents();
        }

        @Test
        void a_pattern_whose_daily_window_is_shorter_than_a_slot_is_rejected() {
            fixture.given(registered(), verified())
                    .when(new PublishWeeklyPatternCommand(doctorId,
                            pattern(EnumSet.allOf(DayOfWeek.class), "09:00", "09:20", 30, NEXT_MONDAY, LocalDate.MAX)))
                    .expectException(PatternEmptyException.class)
                    .expectNoEvents();
        }

        @Test
        void a_pattern_of_exactly_one_thousand_slots_is_published() {
            fixture.given(registered(), verified())
                    .when(new PublishWeeklyPatternCommand(doctorId,
                            pattern(EnumSet.allOf(DayOfWeek.class), "06:00", "22:40", 10, NEXT_MONDAY, NEXT_MONDAY.plusDays(9))))
                    .expectResultMessagePayloadMatching(value((SlotsPublished published) ->
                            assertThat(published.slotIds()).hasSize(Doctor.MAX_SLOTS_PER_PATTERN).doesNotHaveDuplicates()))
                    .expectEventsMatching(eventPayloads(events -> assertThat(slotsOf(events)).hasSize(Doctor.MAX_SLOTS_PER_PATTERN)));
        }

        @Test
        void a_pattern_of_more_than_one_thousand_slots_is_rejected() {
            fixture.given(registered(), verified())
                    .when(new PublishWeeklyPatternCommand(doctorId,
                            pattern(EnumSet.allOf(DayOfWeek.class), "06:00", "22:40", 10, NEXT_MONDAY, LocalDate.MAX)))
                    .expectException(PatternTooLargeException.class)
                    .expectNoEvents();
        }

        @Test
        void a_pattern_with_one_slot_in_the_past_publishes_nothing() {
            LocalDate today = LocalDate.of(2030, 1, 7);
            fixture.given(registered(), verified())
                    .when(new PublishWeeklyPatternCommand(doctorId,
                            pattern(EnumSet.of(DayOfWeek.MONDAY), "08:00", "10:00", 30, today, today.plusDays(7))))
                    .expectException(SlotInPastException.class)
                    .expectNoEvents();
        }

        @Test
        void a_pattern_overlapping_one_existing_slot_publishes_nothing() {
            TimeRange wednesdayAtNine = between(Instant.parse("2030-01-16T12:00:00Z"), Instant.parse("2030-01-16T12:15:00Z"));
            fixture.given(registered(), verified(), published(SlotId.random(), wednesdayAtNine))
                    .when(new PublishWeeklyPatternCommand(doctorId, pattern(EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY),
                            "08:00", "10:00", 30, NEXT_MONDAY, NEXT_MONDAY.plusDays(6))))
                    .expectException(SlotOverlapException.class)
                    .expectNoEvents();
        }

        @Test
        void a_pattern_reaching_beyond_the_horizon_publishes_nothing() {
            fixture.given(registered(), verified())
                    .when(new PublishWeeklyPatternCommand(doctorId, pattern(EnumSet.of(DayOfWeek.MONDAY),
                            "09:00", "10:00", 60, NEXT_MONDAY, NEXT_MONDAY.plusDays(200))))
                    .expectException(SlotTooFarAheadException.class)
                    .expectNoEvents();
        }

        @ParameterizedTest(name = "{0} minutes")
        @ValueSource(ints = {0, 9, 241})
        void a_pattern_with_an_invalid_slot_length_is_rejected(int minutes) {
            fixture.given(registered(), verified())
                    .when(new PublishWeeklyPatternCommand(doctorId, pattern(EnumSet.of(DayOfWeek.MONDAY),
                            "08:00", "18:00", minutes, NEXT_MONDAY, NEXT_MONDAY)))
                    .expectException(SlotLengthInvalidException.class)
                    .expectNoEvents();
        }

        @Test
        void an_unverified_doctor_cannot_publish_a_pattern() {
            fixture.given(registered())
                    .when(new PublishWeeklyPatternCommand(doctorId, pattern(EnumSet.of(DayOfWeek.MONDAY),
                            "09:00", "10:00", 30, NEXT_MONDAY, NEXT_MONDAY)))
                    .expectException(DoctorNotVerifiedException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class MovingASlot {

        private final SlotId slotId = SlotId.random();
        private final TimeRange original = slotAt(24, 30);

        @Test
        void a_free_slot_moves_to_a_new_time() {
            TimeRange later = slotAt(48, 30);
            fixture.given(registered(), verified(), published(slotId, original))
                    .when(new MoveSlotCommand(doctorId, slotId, later))
                    .expectEvents(new SlotMovedEvent(doctorId, slotId, later.start(), later.end()));
        }

        @Test
        void a_free_slot_is_resized_even_over_its_own_old_time() {
            TimeRange longer = between(original.start().plusSeconds(600), original.end().plusSeconds(1800));
            fixture.given(registered(), verified(), published(slotId, original))
                    .when(new MoveSlotCommand(doctorId, slotId, longer))
                    .expectEvents(new SlotMovedEvent(doctorId, slotId, longer.start(), longer.end()));
        }

        @Test
        void moving_to_the_same_time_applies_no_event() {
            fixture.given(registered(), verified(), published(slotId, original))
                    .when(new MoveSlotCommand(doctorId, slotId, original))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void a_move_without_a_time_range_is_rejected() {
            fixture.given(registered(), verified(), published(slotId, original))
                    .when(new MoveSlotCommand(doctorId, slotId, null))
                    .expectException(invalidValue("time-range-required"))
                    .expectNoEvents();
        }

        @Test
        void a_slot_cannot_move_onto_another_slot() {
            TimeRange other = slotAt(26, 30);
            fixture.given(registered(), verified(), published(slotId, original), published(SlotId.random(), other))
                    .when(new MoveSlotCommand(doctorId, slotId, between(other.start().minusSeconds(600), other.start().plusSeconds(600))))
                    .expectException(SlotOverlapException.class)
                    .expectNoEvents();
        }

        @Test
        void a_held_slot_cannot_be_moved_or_resized() {
            fixture.given(registered(), verified(), published(slotId, original),
                            new SlotHeldEvent(doctorId, slotId, AppointmentId.random()))
                    .when(new MoveSlotCommand(doctorId, slotId, slotAt(48, 30)))
                    .expectException(SlotHeldException.class)
                    .expectNoEvents();
        }

        @Test
        void an_unknown_slot_is_not_found() {
            fixture.given(registered(), verified(), published(slotId, original))
                    .when(new MoveSlotCommand(doctorId, SlotId.random(), slotAt(48, 30)))
                    .expectException(SlotNotFoundException.class);
        }

        @Test
        void a_slot_cannot_move_into_the_past() {
            fixture.given(registered(), verified(), published(slotId, original))
                    .when(new MoveSlotCommand(doctorId, slotId, slotAt(-2, 30)))
                    .expectException(SlotInPastException.class)
                    .expectNoEvents();
        }

        @Test
        void a_slot_cannot_be_resized_beyond_the_longest_length() {
            fixture.given(registered(), verified(), published(slotId, original))
                    .when(new MoveSlotCommand(doctorId, slotId, slotAt(24, 300)))
                    .expectException(SlotLengthInvalidException.class);
        }

        @Test
        void a_slot_cannot_move_beyond_the_horizon() {
            fixture.given(registered(), verified(), published(slotId, original))
                    .when(new MoveSlotCommand(doctorId, slotId, slotAt(24 * 181, 30)))
                    .expectException(SlotTooFarAheadException.class);
        }

        @Test
        void an_unverified_doctor_cannot_move_slots() {
            fixture.given(registered())
                    .when(new MoveSlotCommand(doctorId, slotId, slotAt(48, 30)))
                    .expectException(DoctorNotVerifiedException.class);
        }
    }

    @Nested
    class RemovingASlot {

        private final SlotId slotId = SlotId.random();

        @Test
        void a_free_slot_is_removed() {
            fixture.given(registered(), verified(), published(slotId, slotAt(24, 30)))
                    .when(new RemoveSlotCommand(doctorId, slotId))
                    .expectEvents(new SlotRemovedEvent(doctorId, slotId));
        }

        @Test
        void a_held_slot_cannot_be_removed() {
            fixture.given(registered(), verified(), published(slotId, slotAt(24, 30)),
                            new SlotHeldEvent(doctorId, slotId, AppointmentId.random()))
                    .when(new RemoveSlotCommand(doctorId, slotId))
                    .expectException(SlotHeldException.class)
                    .expectNoEvents();
        }

        @Test
        void a_slot_released_by_its_appointment_can_be_removed() {
            AppointmentId appointmentId = AppointmentId.random();
            fixture.given(registered(), verified(), published(slotId, slotAt(24, 30)),
                            new SlotHeldEvent(doctorId, slotId, appointmentId),
                            new SlotReleasedEvent(doctorId, slotId, appointmentId))
                    .when(new RemoveSlotCommand(doctorId, slotId))
                    .expectEvents(new SlotRemovedEvent(doctorId, slotId));
        }

        @Test
        void an_unknown_or_already_removed_slot_is_not_found() {
            fixture.given(registered(), verified(), published(slotId, slotAt(24, 30)), new SlotRemovedEvent(doctorId, slotId))
                    .when(new RemoveSlotCommand(doctorId, slotId))
                    .expectException(SlotNotFoundException.class);
        }

        @Test
        void an_unverified_doctor_cannot_remove_slots() {
            fixture.given(registered())
                    .when(new RemoveSlotCommand(doctorId, slotId))
                    .expectException(DoctorNotVerifiedException.class);
        }
    }

    @Nested
    class HoldingASlot {

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
