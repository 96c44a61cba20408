package br.com.healthmed.command.doctor;

import br.com.healthmed.api.common.InvalidValueException;
import br.com.healthmed.api.common.Require;
import br.com.healthmed.api.common.TimeRange;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.schedule.DayScheduleId;
import br.com.healthmed.api.schedule.MoveSlotCommand;
import br.com.healthmed.api.schedule.PatternId;
import br.com.healthmed.api.schedule.PublishSlotCommand;
import br.com.healthmed.api.schedule.PublishWeeklyPatternCommand;
import br.com.healthmed.api.schedule.RemoveSlotCommand;
import br.com.healthmed.api.schedule.SlotId;
import br.com.healthmed.api.schedule.SlotsPublished;
import br.com.healthmed.api.schedule.WeeklyPattern;
import br.com.healthmed.command.config.BookingProperties;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Publishing, moving and removing slots: the {@link Doctor} is the entry point (verified, time zone, the weekly
 * pattern as entered, and the slots kept in its own stream from before day schedules), the slots go to the
 * {@link DaySchedule}s of the UTC days they touch, all in one unit of work.
 * <p>
 * Lock order, the same in every handler that touches these aggregates: Appointment, then Doctor, then day schedules in
 * ascending date, then Patient. The doctor comes first here (it is the command's target, locked before the transaction
 * opens); the days are all known before any is loaded and are loaded in ascending order.
 */
@Component
class Scheduling {

    static final int MAX_SLOTS_PER_PATTERN = 1000;

    private final Repository<Doctor> doctors;
    private final Repository<DaySchedule> days;
    private final SlotDirectory directory;
    private final Clock clock;
    private final BookingProperties limits;

    Scheduling(Repository<Doctor> doctors, Repository<DaySchedule> days, SlotDirectory directory, Clock clock,
               BookingProperties limits) {
        this.doctors = doctors;
        this.days = days;
        this.directory = directory;
        this.clock = clock;
        this.limits = limits;
    }

    @CommandHandler
    SlotsPublished handle(PublishSlotCommand command) throws Exception {
        Aggregate<Doctor> doctor = verifiedDoctor(command.doctorId());
        TimeRange range = requireRange(command.range());
        new SlotPolicy(limits, clock.instant()).check(range);
        doctor.execute(d -> d.requireNoLegacyOverlap(range, null));
        ScheduleDays touched = ScheduleDays.of(command.doctorId(), range);
        Map<DayScheduleId, Aggregate<DaySchedule>> loaded = load(List.of(touched));
        requireFree(loaded, touched, range, null);
        SlotId slotId = command.slotIdSeed() == null ? SlotId.random() : SlotId.derived(command.slotIdSeed(), 0);
        place(loaded, touched, slotId, range, null);
        return new SlotsPublished(List.of(slotId));
    }

    /** All or nothing: one overlapping or invalid slot refuses the whole pattern. */
    @CommandHandler
    SlotsPublished handle(PublishWeeklyPatternCommand command) throws Exception {
        Aggregate<Doctor> doctor = verifiedDoctor(command.doctorId());
        WeeklyPattern pattern = Require.present(command.pattern(), "weeklyPattern");
        SlotPolicy policy = new SlotPolicy(limits, clock.instant());
        policy.checkLength(Duration.ofMinutes(pattern.slotMinutes()));
        List<TimeRange> ranges = WeeklyPatternExpansion.expand(pattern, doctor.invoke(Doctor::timeZone),
                MAX_SLOTS_PER_PATTERN);
        List<ScheduleDays> touched = new ArrayList<>(ranges.size());
        for (TimeRange range : ranges) {
            policy.check(range);
            doctor.execute(d -> d.requireNoLegacyOverlap(range, null));
            touched.add(ScheduleDays.of(command.doctorId(), range));
        }
        Map<DayScheduleId, Aggregate<DaySchedule>> loaded = load(touched);
        for (int i = 0; i < ranges.size(); i++) {
            requireFree(loaded, touched.get(i), ranges.get(i), null);
        }
        // The intent as entered first, in the doctor's stream, then the slots it generated in their days; one commit.
        PatternId patternId = doctor.invoke(d -> d.publishPattern(pattern, ranges.size()));
        List<SlotId> slotIds = new ArrayList<>(ranges.size());
        for (int i = 0; i < ranges.size(); i++) {
            SlotId slotId = command.slotIdSeed() == null ? SlotId.random() : SlotId.derived(command.slotIdSeed(), i);
            place(loaded, touched.get(i), slotId, ranges.get(i), patternId);
            slotIds.add(slotId);
        }
        return new SlotsPublished(slotIds);
    }

    /**
     * A free slot gets a new time and keeps its id. It always ends up in the day schedule of its new start: moved
     * within its day it stays, moved to another day (or out of the doctor's own stream) it is handed over.
     */
    @CommandHandler
    void handle(MoveSlotCommand command) throws Exception {
        Aggregate<Doctor> doctor = verifiedDoctor(command.doctorId());
        SlotDirectory.Owner owner = ownerOf(command.doctorId(), command.slotId());
        TimeRange range = requireRange(command.range());
        ScheduleDays target = ScheduleDays.of(command.doctorId(), range);
        List<ScheduleDays> touched = new ArrayList<>(List.of(target));
        if (!owner.legacy()) {
            // The slot's own overhang, if it has one, is in the next day: lock it too, before knowing.
            touched.add(new ScheduleDays(owner.schedule(), owner.schedule().nextDay()));
        }
        Map<DayScheduleId, Aggregate<DaySchedule>> loaded = load(touched);
        Slot slot = (owner.legacy()
                ? doctor.invoke(d -> d.legacySlot(command.slotId()))
                : loaded.get(owner.schedule()).invoke(s -> s.slot(command.slotId())))
                .orElseThrow(SlotNotFoundException::new);
        if (slot.held()) {
            throw new SlotHeldException();
        }
        if (range.equals(slot.range())) {
            return;
        }
        new SlotPolicy(limits, clock.instant()).check(range);
        doctor.execute(d -> d.requireNoLegacyOverlap(range, slot.id()));
        requireFree(loaded, target, range, slot.id());

        if (owner.legacy()) {
            doctor.execute(d -> d.moveLegacySlotOut(slot.id(), range, target.owner()));
            loaded.get(target.owner()).execute(s -> s.moveIn(slot.id(), range, command.doctorId().toString()));
        } else {
            ScheduleDays before = ScheduleDays.of(command.doctorId(), slot.range());
            if (before.crossesMidnight()) {
                loaded.get(before.overhang()).execute(s -> s.removeOverhang(slot.id()));
            }
            if (owner.schedule().equals(target.owner())) {
                loaded.get(target.owner()).execute(s -> s.move(slot.id(), range));
            } else {
                loaded.get(owner.schedule()).execute(s -> s.moveOut(slot.id(), range, target.owner()));
                loaded.get(target.owner()).execute(s -> s.moveIn(slot.id(), range, owner.schedule().toString()));
            }
        }
        if (target.crossesMidnight()) {
            loaded.get(target.overhang()).execute(s -> s.addOverhang(slot.id(), range));
        }
    }

    @CommandHandler
    void handle(RemoveSlotCommand command) throws Exception {
        Aggregate<Doctor> doctor = verifiedDoctor(command.doctorId());
        SlotDirectory.Owner owner = ownerOf(command.doctorId(), command.slotId());
        if (owner.legacy()) {
            Slot slot = doctor.invoke(d -> d.legacySlot(command.slotId())).orElseThrow(SlotNotFoundException::new);
            if (slot.held()) {
                throw new SlotHeldException();
            }
            doctor.execute(d -> d.removeLegacySlot(slot.id()));
            return;
        }
        ScheduleDays possible = new ScheduleDays(owner.schedule(), owner.schedule().nextDay());
        Map<DayScheduleId, Aggregate<DaySchedule>> loaded = load(List.of(possible));
        Aggregate<DaySchedule> day = loaded.get(owner.schedule());
        Slot slot = day.invoke(s -> s.slot(command.slotId())).orElseThrow(SlotNotFoundException::new);
        if (slot.held()) {
            throw new SlotHeldException();
        }
        day.execute(s -> s.remove(slot.id()));
        ScheduleDays occupied = ScheduleDays.of(command.doctorId(), slot.range());
        if (occupied.crossesMidnight()) {
            loaded.get(occupied.overhang()).execute(s -> s.removeOverhang(slot.id()));
        }
    }

    private Aggregate<Doctor> verifiedDoctor(DoctorId doctorId) {
        Aggregate<Doctor> doctor = doctors.load(Require.present(doctorId, "doctorId").toString());
        doctor.execute(Doctor::requireVerified);
        return doctor;
    }

    /** Another doctor's slot gets the same answer as no slot at all. */
    private SlotDirectory.Owner ownerOf(DoctorId doctorId, SlotId slotId) {
        return Optional.ofNullable(slotId)
                .flatMap(directory::ownerOf)
                .filter(owner -> owner.doctorId().equals(doctorId))
                .orElseThrow(SlotNotFoundException::new);
    }

    /** Every day the changes touch, loaded (created empty if new) in ascending date: the lock order. */
    private Map<DayScheduleId, Aggregate<DaySchedule>> load(List<ScheduleDays> touched) throws Exception {
        TreeSet<DayScheduleId> ids = new TreeSet<>(Comparator.comparing(DayScheduleId::day));
        for (ScheduleDays days : touched) {
            ids.add(days.owner());
            if (days.crossesMidnight()) {
                ids.add(days.overhang());
            }
        }
        Map<DayScheduleId, Aggregate<DaySchedule>> loaded = new TreeMap<>(Comparator.comparing(DayScheduleId::day));
        for (DayScheduleId id : ids) {
            loaded.put(id, days.loadOrCreate(id.toString(), () -> new DaySchedule(id)));
        }
        return loaded;
    }

    private static void requireFree(Map<DayScheduleId, Aggregate<DaySchedule>> loaded, ScheduleDays touched,
                                    TimeRange range, SlotId ignored) {
        loaded.get(touched.owner()).execute(s -> s.requireFree(range, ignored));
        if (touched.crossesMidnight()) {
            loaded.get(touched.overhang()).execute(s -> s.requireFree(range, ignored));
        }
    }

    /** A new slot lives in the day it starts; the next day learns of the part that runs into it. */
    private static void place(Map<DayScheduleId, Aggregate<DaySchedule>> loaded, ScheduleDays touched, SlotId slotId,
                              TimeRange range, PatternId patternId) {
        loaded.get(touched.owner()).execute(s -> s.publish(slotId, range, patternId));
        if (touched.crossesMidnight()) {
            loaded.get(touched.overhang()).execute(s -> s.addOverhang(slotId, range));
        }
    }

    private static TimeRange requireRange(TimeRange range) {
        if (range == null) {
            throw new InvalidValueException("time-range-required", "start", "start and end are required");
        }
        return range;
    }
}
