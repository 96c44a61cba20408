package br.com.healthmed.command.doctor;

import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.common.TimeRange;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.schedule.DayScheduleId;
import br.com.healthmed.api.schedule.PatternId;
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
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY;
import static com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One doctor's slots that start on one UTC day, plus the parts of the previous day's slots that run into it: slots
 * never overlap, a slot is held by at most one appointment, and a held slot stays put. Loaded and locked only by the
 * commands that touch this day, so its size does not grow with the doctor's history (ADR 0011).
 * <p>
 * The commands are handled by {@link Scheduling} and the booking, which decide which days a change touches (a slot
 * that runs past midnight touches two) and load them in ascending order.
 */
@Aggregate(repository = "dayScheduleRepository") // cached, checked against the store: CommandBusConfig
@Revision("1") // the snapshot shape: bump it when the fields change, and older snapshots are ignored
@JsonAutoDetect(fieldVisibility = ANY, getterVisibility = NONE, isGetterVisibility = NONE)
public class DaySchedule {

    @AggregateIdentifier
    private String scheduleId;
    private DoctorId doctorId;
    private Map<UUID, Slot> slots = new LinkedHashMap<>();
    /** Slots of the previous day that end after this day's midnight, by slot id. */
    private Map<UUID, TimeRange> overhangs = new LinkedHashMap<>();

    protected DaySchedule() {
    }

    /** An empty day, for {@code loadOrCreate}: it is stored only once something happens in it. */
    DaySchedule(DayScheduleId id) {
        scheduleId = id.toString();
        doctorId = id.doctorId();
    }

    /** Refuses {@code range} if it overlaps any slot of this day, or any slot of the previous day running into it. */
    void requireFree(TimeRange range, SlotId ignored) {
        for (Slot slot : slots.values()) {
            if (!slot.id().equals(ignored) && slot.range().overlaps(range)) {
                throw new SlotOverlapException();
            }
        }
        for (Map.Entry<UUID, TimeRange> overhang : overhangs.entrySet()) {
            if ((ignored == null || !overhang.getKey().equals(ignored.value())) && overhang.getValue().overlaps(range)) {
                throw new SlotOverlapException();
            }
        }
    }

    void publish(SlotId slotId, TimeRange range, PatternId patternId) {
        apply(new SlotPublishedEvent(doctorId, slotId, range.start(), range.end(), patternId));
    }

    void addOverhang(SlotId slotId, TimeRange range) {
        apply(new SlotOverhangAddedEvent(doctorId, slotId, range.start(), range.end()));
    }

    void removeOverhang(SlotId slotId) {
        if (overhangs.containsKey(slotId.value())) {
            apply(new SlotOverhangRemovedEvent(doctorId, slotId));
        }
    }

    Optional<Slot> slot(SlotId slotId) {
        return Optional.ofNullable(slotId == null ? null : slots.get(slotId.value()));
    }

    /** A new time for a free slot that still starts on this day. */
    void move(SlotId slotId, TimeRange range) {
        apply(new SlotMovedEvent(doctorId, slotId, range.start(), range.end()));
    }

    /** A free slot moved to a time that starts on another day: announced here, then handed to {@code to}. */
    void moveOut(SlotId slotId, TimeRange range, DayScheduleId to) {
        apply(new SlotMovedEvent(doctorId, slotId, range.start(), range.end()));
        apply(new SlotMovedOutEvent(doctorId, slotId, to));
    }

    void moveIn(SlotId slotId, TimeRange range, String from) {
        apply(new SlotMovedInEvent(doctorId, slotId, range.start(), range.end(), from));
    }

    void remove(SlotId slotId) {
        apply(new SlotRemovedEvent(doctorId, slotId));
    }

    /**
     * Holds a free slot for a new appointment. Called by the booking inside the same unit of work that creates the
     * appointment, so that the slot and the appointment commit together or not at all.
     */
    public TimeRange hold(SlotId slotId, AppointmentId appointmentId, Instant now, Duration minimumNotice) {
        Slot slot = slot(slotId).orElseThrow(SlotNotFoundException::new);
        if (slot.held()) {
            throw new SlotUnavailableException();
        }
        if (slot.start().isBefore(now.plus(minimumNotice))) {
            throw new BookingNoticeTooShortException(minimumNotice);
        }
        apply(new SlotHeldEvent(doctorId, slot.id(), appointmentId));
        return slot.range();
    }

    /** Frees the slot if this appointment holds it; releasing twice changes nothing. */
    public void release(SlotId slotId, AppointmentId appointmentId) {
        Slot slot = slots.get(slotId.value());
        if (slot != null && appointmentId.equals(slot.heldBy())) {
            apply(new SlotReleasedEvent(doctorId, slot.id(), appointmentId));
        }
    }

    /** Every event that can open a day's stream names the day; the identifier is set from it when loading. */
    private void openedFor(DoctorId doctor, Instant instantOfTheDay) {
        if (scheduleId == null) {
            doctorId = doctor;
            scheduleId = DayScheduleId.of(doctor, instantOfTheDay).toString();
        }
    }

    @EventSourcingHandler
    void on(SlotPublishedEvent event) {
        openedFor(event.doctorId(), event.start());
        slots.put(event.slotId().value(), Slot.free(event.slotId(), event.start(), event.end()));
    }

    @EventSourcingHandler
    void on(SlotMovedInEvent event) {
        openedFor(event.doctorId(), event.start());
        slots.put(event.slotId().value(), Slot.free(event.slotId(), event.start(), event.end()));
    }

    @EventSourcingHandler
    void on(SlotOverhangAddedEvent event) {
        // The overhang's day is the one its end falls in (a slot is at most 24 h long, so it spans two days at most).
        openedFor(event.doctorId(), event.end().minusNanos(1));
        overhangs.put(event.slotId().value(), new TimeRange(event.start(), event.end()));
    }

    @EventSourcingHandler
    void on(SlotOverhangRemovedEvent event) {
        overhangs.remove(event.slotId().value());
    }

    @EventSourcingHandler
    void on(SlotMovedEvent event) {
        slots.computeIfPresent(event.slotId().value(), (id, slot) -> slot.movedTo(event.start(), event.end()));
    }

    @EventSourcingHandler
    void on(SlotMovedOutEvent event) {
        slots.remove(event.slotId().value());
    }

    @EventSourcingHandler
    void on(SlotRemovedEvent event) {
        slots.remove(event.slotId().value());
    }

    @EventSourcingHandler
    void on(SlotHeldEvent event) {
        slots.computeIfPresent(event.slotId().value(), (id, slot) -> slot.heldFor(event.appointmentId()));
    }

    @EventSourcingHandler
    void on(SlotReleasedEvent event) {
        slots.computeIfPresent(event.slotId().value(), (id, slot) -> slot.released());
    }
}
