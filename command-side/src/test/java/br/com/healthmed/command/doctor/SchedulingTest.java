package br.com.healthmed.command.doctor;

import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.common.InvalidValueException;
import br.com.healthmed.api.common.Money;
import br.com.healthmed.api.common.TimeRange;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.doctor.DoctorProfileUpdatedEvent;
import br.com.healthmed.api.doctor.DoctorRegisteredEvent;
import br.com.healthmed.api.doctor.DoctorVerifiedEvent;
import br.com.healthmed.api.doctor.Specialty;
import br.com.healthmed.api.doctor.Uf;
import br.com.healthmed.api.schedule.DayScheduleId;
import br.com.healthmed.api.schedule.MoveSlotCommand;
import br.com.healthmed.api.schedule.PublishSlotCommand;
import br.com.healthmed.api.schedule.PublishWeeklyPatternCommand;
import br.com.healthmed.api.schedule.RemoveSlotCommand;
import br.com.healthmed.api.schedule.SlotHeldEvent;
import br.com.healthmed.api.schedule.SlotId;
import br.com.healthmed.api.schedule.SlotMovedEvent;
import br.com.healthmed.api.schedule.SlotMovedInEvent;
import br.com.healthmed.api.schedule.SlotMovedOutEvent;
import br.com.healthmed.api.schedule.SlotOverhangAddedEvent;
import br.com.healthmed.api.schedule.SlotOverhangRemovedEvent;
import br.com.healthmed.api.schedule.SlotPublishedEvent;
import br.com.healthmed.api.schedule.SlotReleasedEvent;
import br.com.healthmed.api.schedule.SlotRemovedEvent;
import br.com.healthmed.api.schedule.SlotsPublished;
import br.com.healthmed.api.schedule.WeeklyPattern;
import br.com.healthmed.api.schedule.WeeklyPatternPublishedEvent;
import br.com.healthmed.command.support.InMemoryPersonalDataVault;
import br.com.healthmed.command.support.InMemorySlotDirectory;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import static br.com.healthmed.command.support.DomainTesting.BOOKING;
import static br.com.healthmed.command.support.DomainTesting.CLOCK;
import static br.com.healthmed.command.support.DomainTesting.NOW;
import static br.com.healthmed.command.support.DomainTesting.inHours;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Publishing, moving and removing slots touch the doctor and one or more day schedules in one unit of work, which an
 * aggregate fixture cannot host: these tests run {@link Scheduling} on Axon's real command bus and repositories with an
 * in-memory event store, and read back which stream each event went to.
 */
class SchedulingTest {

    private static final String SAO_PAULO = "America/Sao_Paulo";

    private final InMemoryPersonalDataVault vault = new InMemoryPersonalDataVault();
    private final InMemorySlotDirectory directory = new InMemorySlotDirectory();
    private final DoctorId doctorId = DoctorId.random();
    private Configuration axon;

    /** An event as stored: the stream it went to and its payload. */
    record Stored(String aggregate, Object payload) {
    }

    @BeforeEach
    void startAxon() {
        axon = DefaultConfigurer.defaultConfiguration(false)
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(Doctor.class)
                .configureAggregate(DaySchedule.class)
                .eventProcessing(processing -> processing.usingSubscribingEventProcessors()
                        .registerEventHandler(c -> directory))
                .registerCommandHandler(c -> new Scheduling(c.repository(Doctor.class), c.repository(DaySchedule.class),
                        directory, CLOCK, BOOKING))
                .start();
    }

    @AfterEach
    void stopAxon() {
        axon.shutdown();
    }

    private void given(Object aggregateId, Object... payloads) {
        String type = aggregateId instanceof DayScheduleId ? "DaySchedule" : "Doctor";
        EventStore store = axon.eventStore();
        long sequence = store.lastSequenceNumberFor(aggregateId.toString()).map(last -> last + 1).orElse(0L);
        for (Object payload : payloads) {
            store.publish(new GenericDomainEventMessage<>(type, aggregateId.toString(), sequence++, payload));
        }
    }

    private void givenDoctorIn(String zone, boolean verified) {
        UUID subject = doctorId.value();
        given(doctorId, new DoctorRegisteredEvent(doctorId, vault.seal(subject, "Ana Souza"), vault.seal(subject, "123456"),
                Uf.SP, vault.seal(subject, "ana@clinica.com.br"), Specialty.CARDIOLOGIA, Money.brl("250.00"), zone));
        if (verified) {
            given(doctorId, new DoctorVerifiedEvent(doctorId));
        }
    }

    /** A slot published today: in the day schedule of its UTC start (and its overhang in the next day if it has one). */
    private SlotId givenSlot(TimeRange range) {
        SlotId slotId = SlotId.random();
        given(DayScheduleId.of(doctorId, range.start()), new SlotPublishedEvent(doctorId, slotId, range.start(), range.end()));
        DayScheduleId last = DayScheduleId.of(doctorId, range.end().minusNanos(1));
        if (!last.equals(DayScheduleId.of(doctorId, range.start()))) {
            given(last, new SlotOverhangAddedEvent(doctorId, slotId, range.start(), range.end()));
        }
        return slotId;
    }

    /** A slot published before day schedules, kept in the doctor's own stream. */
    private SlotId givenLegacySlot(TimeRange range) {
        SlotId slotId = SlotId.random();
        given(doctorId, new SlotPublishedEvent(doctorId, slotId, range.start(), range.end()));
        return slotId;
    }

    private List<Stored> stored() {
        List<Stored> all = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = axon.eventStore().openStream(null)) {
            while (stream.hasNextAvailable()) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                all.add(new Stored(((DomainEventMessage<?>) event).getAggregateIdentifier(), event.getPayload()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return all;
    }

    /** Sends the command and returns what it stored, in order. */
    private List<Stored> storedBy(Object command) {
        int before = stored().size();
        axon.commandGateway().sendAndWait(command);
        List<Stored> all = stored();
        return List.copyOf(all.subList(before, all.size()));
    }

    private <R> R send(Object command) {
        return axon.commandGateway().sendAndWait(command);
    }

    /** The command fails with {@code rejection} and stores nothing. */
    private void assertRefused(Object command, Class<? extends Throwable> rejection) {
        int before = stored().size();
        assertThatThrownBy(() -> send(command)).isInstanceOf(rejection);
        assertThat(stored()).hasSize(before);
    }

    private SlotId publish(TimeRange range) {
        SlotsPublished published = send(new PublishSlotCommand(doctorId, range));
        return published.slotIds().getFirst();
    }

    private DayScheduleId dayOf(Instant instant) {
        return DayScheduleId.of(doctorId, instant);
    }

    private static TimeRange slotAt(long hours, long minutes) {
        Instant start = inHours(hours);
        return new TimeRange(start, start.plus(Duration.ofMinutes(minutes)));
    }

    private static TimeRange utc(String start, String end) {
        return new TimeRange(Instant.parse(start), Instant.parse(end));
    }

    private static WeeklyPattern pattern(Set<DayOfWeek> days, String start, String end, int minutes, LocalDate from, LocalDate to) {
        return new WeeklyPattern(days, LocalTime.parse(start), LocalTime.parse(end), minutes, from, to);
    }

    @Nested
    class PublishingASlot {

        @BeforeEach
        void verifiedDoctor() {
            givenDoctorIn(SAO_PAULO, true);
        }

        @Test
        void a_verified_doctor_publishes_a_free_slot_into_the_day_schedule_of_its_utc_start_only() {
            TimeRange range = slotAt(24, 30);

            List<Stored> events = storedBy(new PublishSlotCommand(doctorId, range));

            assertThat(events).singleElement().satisfies(event -> {
                assertThat(event.aggregate()).isEqualTo(dayOf(range.start()).toString()).isEqualTo(doctorId + ":2030-01-08");
                assertThat(event.payload()).isInstanceOfSatisfying(SlotPublishedEvent.class, published -> {
                    assertThat(published.start()).isEqualTo(range.start());
                    assertThat(published.end()).isEqualTo(range.end());
                    assertThat(published.patternId()).isNull();
                    assertThat(directory.ownerOf(published.slotId()))
                            .contains(new SlotDirectory.Owner(doctorId, dayOf(range.start())));
                });
            });
        }

        @Test
        void an_unverified_doctor_cannot_publish() {
            UUID subject = doctorId.value();
            DoctorId unverified = DoctorId.random();
            given(unverified, new DoctorRegisteredEvent(unverified, vault.seal(subject, "Rui"), vault.seal(subject, "1"), Uf.RJ,
                    vault.seal(subject, "rui@x.com.br"), Specialty.PEDIATRIA, Money.brl("100.00"), SAO_PAULO));
            assertRefused(new PublishSlotCommand(unverified, slotAt(24, 30)), DoctorNotVerifiedException.class);
        }

        @Test
        void an_unknown_doctor_is_not_found() {
            assertRefused(new PublishSlotCommand(DoctorId.random(), slotAt(24, 30)), AggregateNotFoundException.class);
        }

        @ParameterizedTest(name = "{0} minutes")
        @ValueSource(ints = {10, 240})
        void slots_of_ten_to_two_hundred_and_forty_minutes_are_accepted(int minutes) {
            assertThat(storedBy(new PublishSlotCommand(doctorId, slotAt(24, minutes)))).hasSize(1);
        }

        @ParameterizedTest(name = "{0} minutes")
        @ValueSource(ints = {9, 241})
        void a_slot_shorter_than_ten_or_longer_than_two_hundred_and_forty_minutes_is_rejected(int minutes) {
            assertRefused(new PublishSlotCommand(doctorId, slotAt(24, minutes)), SlotLengthInvalidException.class);
        }

        @ParameterizedTest(name = "{0} hours from now")
        @ValueSource(ints = {0, -1})
        void a_slot_starting_now_or_earlier_is_rejected(int hours) {
            assertRefused(new PublishSlotCommand(doctorId, slotAt(hours, 30)), SlotInPastException.class);
        }

        @Test
        void a_slot_starting_exactly_one_hundred_and_eighty_days_ahead_is_accepted_and_one_minute_later_is_not() {
            Instant start = NOW.plus(Duration.ofDays(180));
            assertThat(storedBy(new PublishSlotCommand(doctorId, new TimeRange(start, start.plusSeconds(1800))))).hasSize(1);
            Instant later = start.plusSeconds(3600);
            assertRefused(new PublishSlotCommand(doctorId, new TimeRange(later, later.plusSeconds(1800))),
                    SlotTooFarAheadException.class);
        }

        @Test
        void a_slot_overlapping_another_or_inside_it_is_rejected() {
            TimeRange existing = givenSlotRange(slotAt(24, 60));
            assertRefused(new PublishSlotCommand(doctorId, new TimeRange(existing.start().plusSeconds(1800),
                    existing.end().plusSeconds(1800))), SlotOverlapException.class);
            assertRefused(new PublishSlotCommand(doctorId, new TimeRange(existing.start().plusSeconds(600),
                    existing.start().plusSeconds(1800))), SlotOverlapException.class);
        }

        private TimeRange givenSlotRange(TimeRange range) {
            givenSlot(range);
            return range;
        }

        @Test
        void back_to_back_slots_do_not_overlap() {
            TimeRange existing = givenSlotRange(slotAt(24, 30));
            assertThat(storedBy(new PublishSlotCommand(doctorId, new TimeRange(existing.end(), existing.end().plusSeconds(1800)))))
                    .hasSize(1);
        }

        @Test
        void a_removed_slots_time_can_be_published_again_as_a_new_slot() {
            TimeRange range = slotAt(24, 30);
            SlotId removed = givenSlot(range);
            given(dayOf(range.start()), new SlotRemovedEvent(doctorId, removed));

            assertThat(publish(range)).isNotEqualTo(removed);
        }

        @Test
        void a_slot_without_a_time_range_is_rejected() {
            assertThatThrownBy(() -> send(new PublishSlotCommand(doctorId, null)))
                    .isInstanceOfSatisfying(InvalidValueException.class,
                            invalid -> assertThat(invalid.code()).isEqualTo("time-range-required"));
        }

        @Test
        void a_slot_overlapping_a_slot_kept_in_the_doctors_stream_is_rejected_and_back_to_back_is_not() {
            TimeRange legacy = slotAt(30, 30);
            givenLegacySlot(legacy);

            assertRefused(new PublishSlotCommand(doctorId, new TimeRange(legacy.start().minusSeconds(600),
                    legacy.start().plusSeconds(600))), SlotOverlapException.class);
            assertThat(storedBy(new PublishSlotCommand(doctorId, new TimeRange(legacy.end(), legacy.end().plusSeconds(1800)))))
                    .extracting(Stored::aggregate).containsExactly(dayOf(legacy.end()).toString());
        }
    }

    /** 20:30–21:30 in São Paulo (UTC−3) is 23:30–00:30 UTC: one slot, two UTC days. */
    @Nested
    class AcrossUtcMidnight {

        private final TimeRange evening = utc("2030-01-08T23:30:00Z", "2030-01-09T00:30:00Z");
        private final DayScheduleId tuesday = dayOf(evening.start());
        private final DayScheduleId wednesday = tuesday.nextDay();

        @BeforeEach
        void verifiedDoctor() {
            givenDoctorIn(SAO_PAULO, true);
        }

        @Test
        void a_slot_running_past_midnight_lives_in_the_day_it_starts_and_the_next_day_records_its_overhang() {
            List<Stored> events = storedBy(new PublishSlotCommand(doctorId, evening));

            assertThat(events).extracting(Stored::aggregate, event -> event.payload().getClass())
                    .containsExactly(tuple(tuesday.toString(), SlotPublishedEvent.class),
                            tuple(wednesday.toString(), SlotOverhangAddedEvent.class));
        }

        @Test
        void a_slot_after_midnight_overlapping_the_previous_days_slot_is_rejected() {
            givenSlot(evening);

            assertRefused(new PublishSlotCommand(doctorId, utc("2030-01-09T00:00:00Z", "2030-01-09T00:45:00Z")),
                    SlotOverlapException.class);
        }

        @Test
        void a_slot_reaching_into_the_next_day_over_a_slot_there_is_rejected() {
            givenSlot(utc("2030-01-09T00:15:00Z", "2030-01-09T00:45:00Z"));

            assertRefused(new PublishSlotCommand(doctorId, evening), SlotOverlapException.class);
        }

        @Test
        void a_slot_ending_exactly_at_midnight_touches_one_day_and_the_next_day_may_start_at_midnight() {
            List<Stored> first = storedBy(new PublishSlotCommand(doctorId, utc("2030-01-08T23:30:00Z", "2030-01-09T00:00:00Z")));
            List<Stored> second = storedBy(new PublishSlotCommand(doctorId, utc("2030-01-09T00:00:00Z", "2030-01-09T00:30:00Z")));

            assertThat(first).extracting(Stored::aggregate).containsExactly(tuesday.toString());
            assertThat(second).extracting(Stored::aggregate).containsExactly(wednesday.toString());
        }

        @Test
        void after_midnight_right_behind_the_previous_days_slot_is_free() {
            givenSlot(evening);

            assertThat(storedBy(new PublishSlotCommand(doctorId, utc("2030-01-09T00:30:00Z", "2030-01-09T01:00:00Z"))))
                    .extracting(Stored::aggregate).containsExactly(wednesday.toString());
        }

        @Test
        void removing_a_slot_that_runs_past_midnight_clears_its_overhang_and_frees_the_next_day() {
            SlotId slotId = givenSlot(evening);

            assertThat(storedBy(new RemoveSlotCommand(doctorId, slotId)))
                    .containsExactly(new Stored(tuesday.toString(), new SlotRemovedEvent(doctorId, slotId)),
                            new Stored(wednesday.toString(), new SlotOverhangRemovedEvent(doctorId, slotId)));
            publish(utc("2030-01-09T00:00:00Z", "2030-01-09T00:30:00Z"));
        }

        @Test
        void moving_a_slot_away_from_midnight_clears_its_overhang_and_moving_one_onto_it_adds_one() {
            SlotId slotId = givenSlot(evening);
            TimeRange earlier = utc("2030-01-08T22:00:00Z", "2030-01-08T23:00:00Z");

            assertThat(storedBy(new MoveSlotCommand(doctorId, slotId, earlier))).containsExactly(
                    new Stored(wednesday.toString(), new SlotOverhangRemovedEvent(doctorId, slotId)),
                    new Stored(tuesday.toString(), new SlotMovedEvent(doctorId, slotId, earlier.start(), earlier.end())));
            assertThat(storedBy(new MoveSlotCommand(doctorId, slotId, evening))).containsExactly(
                    new Stored(tuesday.toString(), new SlotMovedEvent(doctorId, slotId, evening.start(), evening.end())),
                    new Stored(wednesday.toString(), new SlotOverhangAddedEvent(doctorId, slotId, evening.start(), evening.end())));
        }
    }

    /** A pattern is read in the doctor's zone; each slot goes to the day schedule of its UTC start, whatever the zone. */
    @Nested
    class TimeZoneEdges {

        private static final LocalDate MONDAY = LocalDate.of(2030, 1, 14);

        @ParameterizedTest(name = "{0}: 20:30 local is {1} UTC")
        @CsvSource({
                "America/Noronha,     2030-01-14T22:30:00Z, 1",
                "America/Sao_Paulo,   2030-01-14T23:30:00Z, 1",
                "America/Manaus,      2030-01-15T00:30:00Z, 0",
                "America/Rio_Branco,  2030-01-15T01:30:00Z, 0"})
        void an_evening_pattern_goes_to_the_utc_days_of_its_slots(String zone, Instant firstStart, int overhangs) {
            givenDoctorIn(zone, true);

            List<Stored> events = storedBy(new PublishWeeklyPatternCommand(doctorId,
                    pattern(EnumSet.of(DayOfWeek.MONDAY), "20:30", "22:30", 60, MONDAY, MONDAY)));

            assertThat(events.getFirst().aggregate()).as("the intent stays with the doctor").isEqualTo(doctorId.toString());
            List<SlotPublishedEvent> slots = events.stream().map(Stored::payload)
                    .filter(SlotPublishedEvent.class::isInstance).map(SlotPublishedEvent.class::cast).toList();
            assertThat(slots).extracting(SlotPublishedEvent::start)
                    .containsExactly(firstStart, firstStart.plus(Duration.ofHours(1)));
            assertThat(events).filteredOn(event -> event.payload() instanceof SlotPublishedEvent)
                    .allSatisfy(event -> assertThat(event.aggregate())
                            .isEqualTo(dayOf(((SlotPublishedEvent) event.payload()).start()).toString()));
            assertThat(events).filteredOn(event -> event.payload() instanceof SlotOverhangAddedEvent)
                    .hasSize(overhangs)
                    .allSatisfy(event -> assertThat(event.aggregate())
                            .isEqualTo(dayOf(((SlotOverhangAddedEvent) event.payload()).end()).toString()));
        }

        @Test
        void a_doctor_changing_time_zone_leaves_every_slot_in_its_day() {
            givenDoctorIn(SAO_PAULO, true);
            SlotId slotId = publish(utc("2030-01-08T23:30:00Z", "2030-01-09T00:00:00Z"));
            UUID subject = doctorId.value();
            given(doctorId, new DoctorProfileUpdatedEvent(doctorId, vault.seal(subject, "Ana Souza"),
                    vault.seal(subject, "ana@clinica.com.br"), Specialty.CARDIOLOGIA, "America/Rio_Branco"));

            assertThat(directory.ownerOf(slotId)).map(SlotDirectory.Owner::schedule)
                    .contains(dayOf(Instant.parse("2030-01-08T23:30:00Z")));
            assertThat(storedBy(new RemoveSlotCommand(doctorId, slotId))).extracting(Stored::aggregate)
                    .containsExactly(doctorId + ":2030-01-08");
        }
    }

    @Nested
    class PublishingAWeeklyPattern {

        private static final LocalDate NEXT_MONDAY = LocalDate.of(2030, 1, 14);

        @BeforeEach
        void verifiedDoctor() {
            givenDoctorIn(SAO_PAULO, true);
        }

        @Test
        void the_intent_goes_to_the_doctor_first_and_each_slot_to_its_day_in_chronological_order() {
            WeeklyPattern mondaysAndWednesdays = pattern(EnumSet.of(DayOfWeek.WEDNESDAY, DayOfWeek.MONDAY),
                    "09:00", "10:00", 30, NEXT_MONDAY, NEXT_MONDAY.plusDays(6));

            List<Stored> events = storedBy(new PublishWeeklyPatternCommand(doctorId, mondaysAndWednesdays));

            assertThat(events.getFirst().aggregate()).isEqualTo(doctorId.toString());
            WeeklyPatternPublishedEvent intent = (WeeklyPatternPublishedEvent) events.getFirst().payload();
            assertThat(intent.weekdays()).containsExactly(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY);
            assertThat(intent.timeZone()).isEqualTo(SAO_PAULO);
            assertThat(intent.slotCount()).isEqualTo(4);
            assertThat(events.subList(1, events.size()))
                    .extracting(Stored::aggregate, event -> ((SlotPublishedEvent) event.payload()).start(),
                            event -> ((SlotPublishedEvent) event.payload()).patternId())
                    .containsExactly(
                            tuple(doctorId + ":2030-01-14", Instant.parse("2030-01-14T12:00:00Z"), intent.patternId()),
                            tuple(doctorId + ":2030-01-14", Instant.parse("2030-01-14T12:30:00Z"), intent.patternId()),
                            tuple(doctorId + ":2030-01-16", Instant.parse("2030-01-16T12:00:00Z"), intent.patternId()),
                            tuple(doctorId + ":2030-01-16", Instant.parse("2030-01-16T12:30:00Z"), intent.patternId()));
        }

        @Test
        void a_pattern_spanning_three_weeks_fills_fifteen_day_schedules_in_one_commit() {
            SlotsPublished published = send(new PublishWeeklyPatternCommand(doctorId, pattern(EnumSet.range(DayOfWeek.MONDAY,
                    DayOfWeek.FRIDAY), "08:00", "12:00", 30, NEXT_MONDAY, NEXT_MONDAY.plusDays(20))));

            assertThat(published.slotIds()).hasSize(15 * 8).doesNotHaveDuplicates();
            assertThat(stored()).filteredOn(event -> event.payload() instanceof SlotPublishedEvent)
                    .extracting(Stored::aggregate).containsOnly(IntStream.range(0, 21)
                            .mapToObj(NEXT_MONDAY::plusDays)
                            .filter(day -> day.getDayOfWeek().compareTo(DayOfWeek.FRIDAY) <= 0)
                            .map(day -> new DayScheduleId(doctorId, day).toString()).toArray(String[]::new));
            assertThat(published.slotIds()).allSatisfy(slotId -> assertThat(directory.ownerOf(slotId)).isPresent());
        }

        @Test
        void a_pattern_of_exactly_one_thousand_slots_is_published_and_one_more_is_rejected() {
            SlotsPublished published = send(new PublishWeeklyPatternCommand(doctorId, pattern(EnumSet.allOf(DayOfWeek.class),
                    "06:00", "22:40", 10, NEXT_MONDAY, NEXT_MONDAY.plusDays(9))));
            assertThat(published.slotIds()).hasSize(Scheduling.MAX_SLOTS_PER_PATTERN);

            assertRefused(new PublishWeeklyPatternCommand(doctorId, pattern(EnumSet.allOf(DayOfWeek.class),
                    "06:00", "22:40", 10, NEXT_MONDAY.plusDays(20), LocalDate.MAX)), PatternTooLargeException.class);
        }

        @Test
        void the_remainder_of_a_day_shorter_than_a_slot_is_skipped() {
            SlotsPublished published = send(new PublishWeeklyPatternCommand(doctorId,
                    pattern(EnumSet.of(DayOfWeek.MONDAY), "09:00", "10:10", 30, NEXT_MONDAY, NEXT_MONDAY)));
            assertThat(published.slotIds()).hasSize(2);
        }

        @Test
        void an_empty_pattern_is_rejected() {
            assertRefused(new PublishWeeklyPatternCommand(doctorId, pattern(EnumSet.of(DayOfWeek.SATURDAY), "09:00", "12:00",
                    30, NEXT_MONDAY, NEXT_MONDAY.plusDays(4))), PatternEmptyException.class);
            assertRefused(new PublishWeeklyPatternCommand(doctorId, pattern(EnumSet.allOf(DayOfWeek.class), "09:00", "09:20",
                    30, NEXT_MONDAY, LocalDate.MAX)), PatternEmptyException.class);
        }

        @Test
        void a_pattern_with_one_slot_in_the_past_or_beyond_the_horizon_publishes_nothing() {
            LocalDate today = LocalDate.of(2030, 1, 7);
            assertRefused(new PublishWeeklyPatternCommand(doctorId, pattern(EnumSet.of(DayOfWeek.MONDAY), "08:00", "10:00",
                    30, today, today.plusDays(7))), SlotInPastException.class);
            assertRefused(new PublishWeeklyPatternCommand(doctorId, pattern(EnumSet.of(DayOfWeek.MONDAY), "09:00", "10:00",
                    60, NEXT_MONDAY, NEXT_MONDAY.plusDays(200))), SlotTooFarAheadException.class);
        }

        @Test
        void a_pattern_overlapping_one_existing_slot_in_any_of_its_days_publishes_nothing() {
            givenSlot(utc("2030-01-16T12:00:00Z", "2030-01-16T12:15:00Z"));
            assertRefused(new PublishWeeklyPatternCommand(doctorId, pattern(EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY),
                    "08:00", "10:00", 30, NEXT_MONDAY, NEXT_MONDAY.plusDays(6))), SlotOverlapException.class);
        }

        @Test
        void a_pattern_overlapping_a_slot_kept_in_the_doctors_stream_publishes_nothing() {
            givenLegacySlot(utc("2030-01-16T12:00:00Z", "2030-01-16T12:15:00Z"));
            assertRefused(new PublishWeeklyPatternCommand(doctorId, pattern(EnumSet.of(DayOfWeek.WEDNESDAY),
                    "08:00", "10:00", 30, NEXT_MONDAY, NEXT_MONDAY.plusDays(6))), SlotOverlapException.class);
        }

        @Test
        void a_pattern_overlapping_the_previous_days_slot_after_midnight_publishes_nothing() {
            givenSlot(utc("2030-01-14T23:30:00Z", "2030-01-15T03:30:00Z"));
            // 00:00–01:00 in São Paulo on Tuesday is 03:00–04:00 UTC.
            assertRefused(new PublishWeeklyPatternCommand(doctorId, pattern(EnumSet.of(DayOfWeek.TUESDAY),
                    "00:00", "01:00", 60, NEXT_MONDAY, NEXT_MONDAY.plusDays(6))), SlotOverlapException.class);
        }

        @ParameterizedTest(name = "{0} minutes")
        @ValueSource(ints = {0, 9, 241})
        void a_pattern_with_an_invalid_slot_length_is_rejected(int minutes) {
            assertRefused(new PublishWeeklyPatternCommand(doctorId, pattern(EnumSet.of(DayOfWeek.MONDAY),
                    "08:00", "18:00", minutes, NEXT_MONDAY, NEXT_MONDAY)), SlotLengthInvalidException.class);
        }
    }

    @Test
    void an_unverified_doctor_cannot_publish_a_pattern_move_or_remove() {
        givenDoctorIn(SAO_PAULO, false);
        LocalDate monday = LocalDate.of(2030, 1, 14);
        assertRefused(new PublishWeeklyPatternCommand(doctorId, pattern(EnumSet.of(DayOfWeek.MONDAY), "09:00", "10:00", 30,
                monday, monday)), DoctorNotVerifiedException.class);
        assertRefused(new MoveSlotCommand(doctorId, SlotId.random(), slotAt(48, 30)), DoctorNotVerifiedException.class);
        assertRefused(new RemoveSlotCommand(doctorId, SlotId.random()), DoctorNotVerifiedException.class);
    }

    @Nested
    class MovingASlot {

        private final TimeRange original = slotAt(24, 30);
        private SlotId slotId;

        @BeforeEach
        void aFreeSlot() {
            givenDoctorIn(SAO_PAULO, true);
            slotId = givenSlot(original);
        }

        @Test
        void a_free_slot_moved_within_its_day_stays_in_its_day_schedule() {
            TimeRange later = slotAt(26, 30);
            assertThat(storedBy(new MoveSlotCommand(doctorId, slotId, later))).containsExactly(new Stored(
                    dayOf(original.start()).toString(), new SlotMovedEvent(doctorId, slotId, later.start(), later.end())));
        }

        @Test
        void a_free_slot_moved_to_another_day_keeps_its_id_and_is_handed_over_to_that_day() {
            TimeRange nextDay = slotAt(48, 30);
            DayScheduleId from = dayOf(original.start());
            DayScheduleId to = dayOf(nextDay.start());

            assertThat(storedBy(new MoveSlotCommand(doctorId, slotId, nextDay))).containsExactly(
                    new Stored(from.toString(), new SlotMovedEvent(doctorId, slotId, nextDay.start(), nextDay.end())),
                    new Stored(from.toString(), new SlotMovedOutEvent(doctorId, slotId, to)),
                    new Stored(to.toString(), new SlotMovedInEvent(doctorId, slotId, nextDay.start(), nextDay.end(), from.toString())));
            assertThat(directory.ownerOf(slotId)).contains(new SlotDirectory.Owner(doctorId, to));

            publish(original);
            assertRefused(new PublishSlotCommand(doctorId, nextDay), SlotOverlapException.class);
            assertThat(storedBy(new RemoveSlotCommand(doctorId, slotId)))
                    .containsExactly(new Stored(to.toString(), new SlotRemovedEvent(doctorId, slotId)));
        }

        @Test
        void a_free_slot_is_resized_even_over_its_own_old_time() {
            TimeRange longer = new TimeRange(original.start().plusSeconds(600), original.end().plusSeconds(1800));
            assertThat(storedBy(new MoveSlotCommand(doctorId, slotId, longer)))
                    .extracting(Stored::payload).containsExactly(new SlotMovedEvent(doctorId, slotId, longer.start(), longer.end()));
        }

        @Test
        void moving_to_the_same_time_stores_nothing() {
            assertThat(storedBy(new MoveSlotCommand(doctorId, slotId, original))).isEmpty();
        }

        @Test
        void a_move_without_a_time_range_is_rejected() {
            assertThatThrownBy(() -> send(new MoveSlotCommand(doctorId, slotId, null)))
                    .isInstanceOfSatisfying(InvalidValueException.class,
                            invalid -> assertThat(invalid.code()).isEqualTo("time-range-required"));
        }

        @Test
        void a_slot_cannot_move_onto_another_slot_of_its_day_or_of_another_day() {
            TimeRange sameDay = givenSlotAndReturn(slotAt(26, 30));
            TimeRange otherDay = givenSlotAndReturn(slotAt(50, 30));
            assertRefused(new MoveSlotCommand(doctorId, slotId, new TimeRange(sameDay.start().minusSeconds(600),
                    sameDay.start().plusSeconds(600))), SlotOverlapException.class);
            assertRefused(new MoveSlotCommand(doctorId, slotId, otherDay), SlotOverlapException.class);
        }

        private TimeRange givenSlotAndReturn(TimeRange range) {
            givenSlot(range);
            return range;
        }

        @Test
        void a_held_slot_cannot_be_moved_or_resized() {
            given(dayOf(original.start()), new SlotHeldEvent(doctorId, slotId, AppointmentId.random()));
            assertRefused(new MoveSlotCommand(doctorId, slotId, slotAt(48, 30)), SlotHeldException.class);
        }

        @Test
        void an_unknown_slot_and_another_doctors_slot_are_not_found() {
            DoctorId other = DoctorId.random();
            SlotId othersSlot = SlotId.random();
            given(DayScheduleId.of(other, original.start()),
                    new SlotPublishedEvent(other, othersSlot, original.start(), original.end()));

            assertRefused(new MoveSlotCommand(doctorId, SlotId.random(), slotAt(48, 30)), SlotNotFoundException.class);
            assertRefused(new MoveSlotCommand(doctorId, othersSlot, slotAt(48, 30)), SlotNotFoundException.class);
        }

        @Test
        void a_slot_cannot_move_into_the_past_beyond_the_horizon_or_beyond_the_longest_length() {
            assertRefused(new MoveSlotCommand(doctorId, slotId, slotAt(-2, 30)), SlotInPastException.class);
            assertRefused(new MoveSlotCommand(doctorId, slotId, slotAt(24 * 181, 30)), SlotTooFarAheadException.class);
            assertRefused(new MoveSlotCommand(doctorId, slotId, slotAt(24, 300)), SlotLengthInvalidException.class);
        }
    }

    @Nested
    class RemovingASlot {

        private final TimeRange range = slotAt(24, 30);
        private SlotId slotId;

        @BeforeEach
        void aFreeSlot() {
            givenDoctorIn(SAO_PAULO, true);
            slotId = givenSlot(range);
        }

        @Test
        void a_free_slot_is_removed_from_its_day_and_from_the_directory() {
            assertThat(storedBy(new RemoveSlotCommand(doctorId, slotId)))
                    .containsExactly(new Stored(dayOf(range.start()).toString(), new SlotRemovedEvent(doctorId, slotId)));
            assertThat(directory.ownerOf(slotId)).isEmpty();
            assertRefused(new RemoveSlotCommand(doctorId, slotId), SlotNotFoundException.class);
        }

        @Test
        void a_held_slot_cannot_be_removed_until_its_appointment_releases_it() {
            AppointmentId appointmentId = AppointmentId.random();
            given(dayOf(range.start()), new SlotHeldEvent(doctorId, slotId, appointmentId));
            assertRefused(new RemoveSlotCommand(doctorId, slotId), SlotHeldException.class);

            given(dayOf(range.start()), new SlotReleasedEvent(doctorId, slotId, appointmentId));
            assertThat(storedBy(new RemoveSlotCommand(doctorId, slotId))).hasSize(1);
        }
    }

    /** Slots published before day schedules stay in the doctor's stream until they are moved or removed (ADR 0011). */
    @Nested
    class LegacySlots {

        private final TimeRange range = slotAt(24, 30);
        private SlotId legacy;

        @BeforeEach
        void aSlotInTheDoctorsStream() {
            givenDoctorIn(SAO_PAULO, true);
            legacy = givenLegacySlot(range);
        }

        @Test
        void a_legacy_slot_is_removed_from_the_doctors_stream() {
            assertThat(storedBy(new RemoveSlotCommand(doctorId, legacy)))
                    .containsExactly(new Stored(doctorId.toString(), new SlotRemovedEvent(doctorId, legacy)));
            publish(range);
        }

        @Test
        void a_moved_legacy_slot_leaves_the_doctors_stream_for_the_day_of_its_new_start() {
            TimeRange later = slotAt(27, 30);
            DayScheduleId to = dayOf(later.start());

            assertThat(storedBy(new MoveSlotCommand(doctorId, legacy, later))).containsExactly(
                    new Stored(doctorId.toString(), new SlotMovedEvent(doctorId, legacy, later.start(), later.end())),
                    new Stored(doctorId.toString(), new SlotMovedOutEvent(doctorId, legacy, to)),
                    new Stored(to.toString(), new SlotMovedInEvent(doctorId, legacy, later.start(), later.end(), doctorId.toString())));
            assertThat(directory.ownerOf(legacy)).contains(new SlotDirectory.Owner(doctorId, to));

            publish(range);
            assertRefused(new PublishSlotCommand(doctorId, later), SlotOverlapException.class);
        }

        @Test
        void a_legacy_slot_cannot_move_onto_a_day_schedule_slot_and_a_held_one_cannot_move() {
            TimeRange taken = slotAt(30, 30);
            givenSlot(taken);
            assertRefused(new MoveSlotCommand(doctorId, legacy, taken), SlotOverlapException.class);

            given(doctorId, new SlotHeldEvent(doctorId, legacy, AppointmentId.random()));
            assertRefused(new MoveSlotCommand(doctorId, legacy, slotAt(40, 30)), SlotHeldException.class);
            assertRefused(new RemoveSlotCommand(doctorId, legacy), SlotHeldException.class);
        }
    }
}
