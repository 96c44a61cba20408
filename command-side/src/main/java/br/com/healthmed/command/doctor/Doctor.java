package br.com.healthmed.command.doctor;

import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.common.InvalidValueException;
import br.com.healthmed.api.common.Money;
import br.com.healthmed.api.common.Require;
import br.com.healthmed.api.common.TimeRange;
import br.com.healthmed.api.doctor.ConsultationPriceChangedEvent;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.doctor.DoctorProfileUpdatedEvent;
import br.com.healthmed.api.doctor.DoctorRegisteredEvent;
import br.com.healthmed.api.doctor.DoctorVerifiedEvent;
import br.com.healthmed.api.doctor.Specialty;
import br.com.healthmed.api.doctor.Uf;
import br.com.healthmed.api.doctor.UpdateDoctorProfileCommand;
import br.com.healthmed.api.doctor.VerifyDoctorCommand;
import br.com.healthmed.api.privacy.Sealed;
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
import br.com.healthmed.command.config.BookingProperties;
import br.com.healthmed.command.privacy.PersonalDataVault;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY;
import static com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A doctor and their schedule: only a verified doctor has slots, slots never overlap, and a held slot stays put. */
@Aggregate(snapshotTriggerDefinition = "scheduleSnapshotTrigger", cache = "doctorCache", lockFactory = "aggregateLockFactory")
@Revision("1") // the snapshot shape: bump it when the fields change, and older snapshots are ignored
@JsonAutoDetect(fieldVisibility = ANY, getterVisibility = NONE, isGetterVisibility = NONE)
public class Doctor {

    static final int MAX_SLOTS_PER_PATTERN = 1000;

    @AggregateIdentifier
    private DoctorId doctorId;
    private boolean verified;
    private Sealed name;
    private Sealed email;
    private Specialty specialty;
    private Money consultationPrice;
    private String timeZone;
    private Map<UUID, Slot> slots = new LinkedHashMap<>();

    protected Doctor() {
    }

    Doctor(DoctorId doctorId, Sealed name, Sealed crmNumber, Uf crmUf, Sealed email, Specialty specialty,
           Money consultationPrice, String timeZone) {
        apply(new DoctorRegisteredEvent(doctorId, name, crmNumber, crmUf, email, specialty, consultationPrice, timeZone));
    }

    @CommandHandler
    void handle(VerifyDoctorCommand command) {
        if (!verified) {
            apply(new DoctorVerifiedEvent(doctorId));
        }
    }

    @CommandHandler
    void handle(UpdateDoctorProfileCommand command, PersonalDataVault vault) {
        String newName = Require.present(command.name(), "name").value();
        String newEmail = Require.present(command.email(), "email").value();
        Specialty newSpecialty = Require.present(command.specialty(), "specialty");
        Money newPrice = DoctorInput.consultationPrice(command.consultationPrice());
        String newZone = DoctorInput.timeZone(command.timeZone());

        boolean profileChanged = newSpecialty != specialty
                || !newZone.equals(timeZone)
                || !sameText(vault, name, newName)
                || !sameText(vault, email, newEmail);
        if (profileChanged) {
            UUID subject = doctorId.value();
            apply(new DoctorProfileUpdatedEvent(doctorId, vault.seal(subject, newName), vault.seal(subject, newEmail),
                    newSpecialty, newZone));
        }
        if (!newPrice.equals(consultationPrice)) {
            apply(new ConsultationPriceChangedEvent(doctorId, newPrice));
        }
    }

    @CommandHandler
    SlotsPublished handle(PublishSlotCommand command, Clock clock, BookingProperties limits) {
        requireVerified();
        TimeRange range = requireRange(command.range());
        new SlotPolicy(limits, clock.instant()).check(range);
        requireNoOverlap(range, null);
        SlotId slotId = SlotId.random();
        apply(new SlotPublishedEvent(doctorId, slotId, range.start(), range.end()));
        return new SlotsPublished(List.of(slotId));
    }

    @CommandHandler
    SlotsPublished handle(PublishWeeklyPatternCommand command, Clock clock, BookingProperties limits) {
        requireVerified();
        WeeklyPattern pattern = Require.present(command.pattern(), "weeklyPattern");
        SlotPolicy policy = new SlotPolicy(limits, clock.instant());
        policy.checkLength(Duration.ofMinutes(pattern.slotMinutes()));
        List<TimeRange> ranges = WeeklyPatternExpansion.expand(pattern, ZoneId.of(timeZone), MAX_SLOTS_PER_PATTERN);
        for (TimeRange range : ranges) {
            policy.check(range);
            requireNoOverlap(range, null);
        }
        // The intent as entered first, then the slots it generated, all in one commit.
        PatternId patternId = PatternId.random();
        apply(new WeeklyPatternPublishedEvent(doctorId, patternId, List.copyOf(pattern.weekdays()), pattern.startTime(),
                pattern.endTime(), pattern.slotMinutes(), pattern.fromDate(), pattern.toDate(), timeZone, ranges.size()));
        List<SlotId> slotIds = new ArrayList<>(ranges.size());
        for (TimeRange range : ranges) {
            SlotId slotId = SlotId.random();
            apply(new SlotPublishedEvent(doctorId, slotId, range.start(), range.end(), patternId));
            slotIds.add(slotId);
        }
        return new SlotsPublished(slotIds);
    }

    @CommandHandler
    void handle(MoveSlotCommand command, Clock clock, BookingProperties limits) {
        requireVerified();
        Slot slot = slotOf(command.slotId());
        if (slot.held()) {
            throw new SlotHeldException();
        }
        TimeRange range = requireRange(command.range());
        if (range.equals(slot.range())) {
            return;
        }
        new SlotPolicy(limits, clock.instant()).check(range);
        requireNoOverlap(range, slot.id());
        apply(new SlotMovedEvent(doctorId, slot.id(), range.start(), range.end()));
    }

    @CommandHandler
    void handle(RemoveSlotCommand command) {
        requireVerified();
        Slot slot = slotOf(command.slotId());
        if (slot.held()) {
            throw new SlotHeldException();
        }
        apply(new SlotRemovedEvent(doctorId, slot.id()));
    }

    /**
     * Holds a free slot for a new appointment. Called by the booking inside the same unit of work that creates the
     * appointment, so that the slot and the appointment commit together or not at all.
     */
    public HeldSlot holdSlot(SlotId slotId, AppointmentId appointmentId, Instant now, Duration minimumNotice) {
        requireVerified();
        Slot slot = slotOf(slotId);
        if (slot.held()) {
            throw new SlotUnavailableException();
        }
        if (slot.start().isBefore(now.plus(minimumNotice))) {
            throw new BookingNoticeTooShortException(minimumNotice);
        }
        apply(new SlotHeldEvent(doctorId, slot.id(), appointmentId));
        return new HeldSlot(slot.range(), consultationPrice);
    }

    /** Frees the slot if this appointment holds it; releasing twice changes nothing. */
    public void releaseSlot(SlotId slotId, AppointmentId appointmentId) {
        Slot slot = slots.get(slotId.value());
        if (slot != null && appointmentId.equals(slot.heldBy())) {
            apply(new SlotReleasedEvent(doctorId, slot.id(), appointmentId));
        }
    }

    private void requireVerified() {
        if (!verified) {
            throw new DoctorNotVerifiedException();
        }
    }

    private Slot slotOf(SlotId slotId) {
        Slot slot = slotId == null ? null : slots.get(slotId.value());
        if (slot == null) {
            throw new SlotNotFoundException();
        }
        return slot;
    }

    private void requireNoOverlap(TimeRange range, SlotId ignored) {
        for (Slot slot : slots.values()) {
            if (!slot.id().equals(ignored) && slot.range().overlaps(range)) {
                throw new SlotOverlapException();
            }
        }
    }

    private static TimeRange requireRange(TimeRange range) {
        if (range == null) {
            throw new InvalidValueException("time-range-required", "start", "start and end are required");
        }
        return range;
    }

    /** Sealed values differ on every sealing, so equality is decided on the opened text; unreadable counts as changed. */
    private static boolean sameText(PersonalDataVault vault, Sealed sealed, String text) {
        return sealed != null && vault.open(sealed).map(text::equals).orElse(false);
    }

    @EventSourcingHandler
    void on(DoctorRegisteredEvent event) {
        doctorId = event.doctorId();
        name = event.name();
        email = event.email();
        specialty = event.specialty();
        consultationPrice = event.consultationPrice();
        timeZone = event.timeZone();
    }

    @EventSourcingHandler
    void on(DoctorVerifiedEvent event) {
        verified = true;
    }

    @EventSourcingHandler
    void on(DoctorProfileUpdatedEvent event) {
        name = event.name();
        email = event.email();
        specialty = event.specialty();
        timeZone = event.timeZone();
    }

    @EventSourcingHandler
    void on(ConsultationPriceChangedEvent event) {
        consultationPrice = event.consultationPrice();
    }

    @EventSourcingHandler
    void on(SlotPublishedEvent event) {
        slots.put(event.slotId().value(), Slot.free(event.slotId(), event.start(), event.end()));
    }

    @EventSourcingHandler
    void on(SlotMovedEvent event) {
        slots.computeIfPresent(event.slotId().value(), (id, slot) -> slot.movedTo(event.start(), event.end()));
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
