package br.com.healthmed.command.doctor;

import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.common.TimeRange;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.schedule.DayScheduleId;
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
import br.com.healthmed.command.support.SpringLikeObjectMapper;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static br.com.healthmed.command.support.DomainTesting.BOOKING;
import static br.com.healthmed.command.support.DomainTesting.NOW;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rules one day schedule enforces on its own, given its events: overlaps with its slots and with the previous
 * day's slots running into it, holding and releasing, and what its snapshot keeps. Which days a command touches is
 * {@link Scheduling}'s business ({@code SchedulingTest}).
 */
class DayScheduleTest {

    private final DoctorId doctorId = DoctorId.random();
    /** Tuesday 2030-01-08 (UTC): the day after {@code NOW}. */
    private final DayScheduleId day = new DayScheduleId(doctorId, LocalDate.ofInstant(NOW, ZoneOffset.UTC).plusDays(1));
    private final SlotId slotId = SlotId.random();
    private final TimeRange morning = utc("2030-01-08T12:00:00Z", "2030-01-08T12:30:00Z");
    private final TimeRange fromYesterday = utc("2030-01-07T23:00:00Z", "2030-01-08T01:00:00Z");
    private final SlotId yesterdaysSlot = SlotId.random();
    private FixtureConfiguration<DaySchedule> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(DaySchedule.class);
    }

    private static TimeRange utc(String start, String end) {
        return new TimeRange(Instant.parse(start), Instant.parse(end));
    }

    private SlotPublishedEvent published(SlotId id, TimeRange range) {
        return new SlotPublishedEvent(doctorId, id, range.start(), range.end());
    }

    private TestExecutor<DaySchedule> givenMorningAndOverhang() {
        return fixture.given(published(slotId, morning),
                new SlotOverhangAddedEvent(doctorId, yesterdaysSlot, fromYesterday.start(), fromYesterday.end()));
    }

    @Nested
    class Overlaps {

        @Test
        void a_range_over_one_of_its_slots_is_refused() {
            givenMorningAndOverhang()
                    .whenInvoking(day.toString(), s -> s.requireFree(utc("2030-01-08T12:15:00Z", "2030-01-08T12:45:00Z"), null))
                    .expectException(SlotOverlapException.class);
        }

        @Test
        void a_range_over_the_previous_days_slot_after_midnight_is_refused() {
            givenMorningAndOverhang()
                    .whenInvoking(day.toString(), s -> s.requireFree(utc("2030-01-08T00:30:00Z", "2030-01-08T01:30:00Z"), null))
                    .expectException(SlotOverlapException.class);
        }

        @Test
        void back_to_back_with_its_slots_and_with_the_overhang_is_free() {
            givenMorningAndOverhang()
                    .whenInvoking(day.toString(), s -> {
                        s.requireFree(utc("2030-01-08T01:00:00Z", "2030-01-08T02:00:00Z"), null);
                        s.requireFree(utc("2030-01-08T12:30:00Z", "2030-01-08T13:00:00Z"), null);
                        s.requireFree(utc("2030-01-08T11:30:00Z", "2030-01-08T12:00:00Z"), null);
                    })
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void a_slot_does_not_overlap_itself_nor_its_own_overhang() {
            givenMorningAndOverhang()
                    .whenInvoking(day.toString(), s -> {
                        s.requireFree(utc("2030-01-08T12:10:00Z", "2030-01-08T12:40:00Z"), slotId);
                        s.requireFree(utc("2030-01-07T23:30:00Z", "2030-01-08T00:30:00Z"), yesterdaysSlot);
                    })
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void a_removed_overhang_no_longer_blocks_its_time() {
            givenMorningAndOverhang()
                    .andGiven(new SlotOverhangRemovedEvent(doctorId, yesterdaysSlot))
                    .whenInvoking(day.toString(), s -> s.requireFree(utc("2030-01-08T00:00:00Z", "2030-01-08T00:30:00Z"), null))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void a_slot_that_moved_out_or_was_removed_no_longer_blocks_its_time() {
            SlotId other = SlotId.random();
            TimeRange afternoon = utc("2030-01-08T15:00:00Z", "2030-01-08T15:30:00Z");
            fixture.given(published(slotId, morning), published(other, afternoon),
                            new SlotMovedEvent(doctorId, slotId, Instant.parse("2030-01-09T12:00:00Z"), Instant.parse("2030-01-09T12:30:00Z")),
                            new SlotMovedOutEvent(doctorId, slotId, day.nextDay()),
                            new SlotRemovedEvent(doctorId, other))
                    .whenInvoking(day.toString(), s -> {
                        s.requireFree(morning, null);
                        s.requireFree(afternoon, null);
                        assertThat(s.slot(slotId)).isEmpty();
                    })
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void a_slot_moved_in_blocks_its_time_and_keeps_its_id() {
            SlotId arrived = SlotId.random();
            fixture.given(new SlotMovedInEvent(doctorId, arrived, morning.start(), morning.end(), doctorId.toString()))
                    .whenInvoking(day.toString(), s -> {
                        assertThat(s.slot(arrived)).map(Slot::range).contains(morning);
                        s.requireFree(morning, null);
                    })
                    .expectException(SlotOverlapException.class);
        }

        @Test
        void removing_an_overhang_it_does_not_have_changes_nothing() {
            givenMorningAndOverhang()
                    .whenInvoking(day.toString(), s -> s.removeOverhang(SlotId.random()))
                    .expectNoEvents();
        }
    }

    @Nested
    class Holding {

        private final AppointmentId appointmentId = AppointmentId.random();

        @Test
        void holding_a_free_slot_answers_its_time() {
            AtomicReference<TimeRange> held = new AtomicReference<>();
            fixture.given(published(slotId, morning))
                    .whenInvoking(day.toString(), s -> held.set(s.hold(slotId, appointmentId, NOW, BOOKING.minimumNotice())))
                    .expectEvents(new SlotHeldEvent(doctorId, slotId, appointmentId));
            assertThat(held.get()).isEqualTo(morning);
        }

        @Test
        void a_held_slot_is_unavailable_to_a_second_appointment() {
            fixture.given(published(slotId, morning), new SlotHeldEvent(doctorId, slotId, appointmentId))
                    .whenInvoking(day.toString(), s -> s.hold(slotId, AppointmentId.random(), NOW, BOOKING.minimumNotice()))
                    .expectException(SlotUnavailableException.class)
                    .expectNoEvents();
        }

        @Test
        void a_released_slot_can_be_held_again() {
            AppointmentId next = AppointmentId.random();
            fixture.given(published(slotId, morning), new SlotHeldEvent(doctorId, slotId, appointmentId),
                            new SlotReleasedEvent(doctorId, slotId, appointmentId))
                    .whenInvoking(day.toString(), s -> s.hold(slotId, next, NOW, BOOKING.minimumNotice()))
                    .expectEvents(new SlotHeldEvent(doctorId, slotId, next));
        }

        @Test
        void a_slot_of_another_day_or_an_overhang_is_not_found_here() {
            fixture.given(published(slotId, morning),
                            new SlotOverhangAddedEvent(doctorId, yesterdaysSlot, fromYesterday.start(), fromYesterday.end()))
                    .whenInvoking(day.toString(), s -> s.hold(yesterdaysSlot, appointmentId, NOW, BOOKING.minimumNotice()))
                    .expectException(SlotNotFoundException.class);
        }

        @Test
        void a_slot_starting_exactly_at_the_minimum_notice_can_be_held_and_a_minute_sooner_cannot() {
            fixture.given(published(slotId, morning))
                    .whenInvoking(day.toString(), s -> s.hold(slotId, appointmentId,
                            morning.start().minus(BOOKING.minimumNotice()), BOOKING.minimumNotice()))
                    .expectEvents(new SlotHeldEvent(doctorId, slotId, appointmentId));
            setUp();
            fixture.given(published(slotId, morning))
                    .whenInvoking(day.toString(), s -> s.hold(slotId, appointmentId,
                            morning.start().minus(BOOKING.minimumNotice()).plus(Duration.ofMinutes(1)), BOOKING.minimumNotice()))
                    .expectException(BookingNoticeTooShortException.class)
                    .expectNoEvents();
        }

        @Test
        void releasing_frees_the_slot_only_for_its_appointment_and_only_once() {
            fixture.given(published(slotId, morning), new SlotHeldEvent(doctorId, slotId, appointmentId))
                    .whenInvoking(day.toString(), s -> {
                        s.release(slotId, AppointmentId.random());
                        s.release(slotId, appointmentId);
                        s.release(slotId, appointmentId);
                    })
                    .expectEvents(new SlotReleasedEvent(doctorId, slotId, appointmentId));
        }
    }

    /** A day schedule restored from its snapshot behaves like one rebuilt from its events. */
    @Test
    void the_snapshot_keeps_slots_holders_and_overhangs() {
        Serializer serializer = JacksonSerializer.builder().objectMapper(SpringLikeObjectMapper.create()).build();
        AppointmentId holder = AppointmentId.random();
        List<Object> history = List.of(published(slotId, morning), new SlotHeldEvent(doctorId, slotId, holder),
                new SlotOverhangAddedEvent(doctorId, yesterdaysSlot, fromYesterday.start(), fromYesterday.end()));
        AtomicReference<SerializedObject<byte[]>> snapshot = new AtomicReference<>();
        fixture.given(history).whenInvoking(day.toString(), s -> snapshot.set(serializer.serialize(s, byte[].class)));
        String json = new String(snapshot.get().getData(), StandardCharsets.UTF_8);
        assertThat(json).contains(day.toString(), slotId.toString(), holder.toString(), yesterdaysSlot.toString());

        setUp();
        fixture.givenState(() -> serializer.deserialize(snapshot.get()))
                .whenInvoking(day.toString(), s -> s.requireFree(utc("2030-01-08T00:30:00Z", "2030-01-08T00:40:00Z"), null))
                .expectException(SlotOverlapException.class);
        setUp();
        fixture.givenState(() -> serializer.deserialize(snapshot.get()))
                .whenInvoking(day.toString(), s -> s.hold(slotId, AppointmentId.random(), NOW, BOOKING.minimumNotice()))
                .expectException(SlotUnavailableException.class);
        setUp();
        fixture.givenState(() -> serializer.deserialize(snapshot.get()))
                .whenInvoking(day.toString(), s -> s.release(slotId, holder))
                .expectEvents(new SlotReleasedEvent(doctorId, slotId, holder));
    }
}
