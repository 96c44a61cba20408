package br.com.healthmed.command.doctor;

import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.common.Money;
import br.com.healthmed.api.common.Require;
import br.com.healthmed.api.common.TimeRange;
import br.com.healthmed.api.doctor.ConsultationPriceChangedEvent;
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
import br.com.healthmed.api.doctor.Specialty;
import br.com.healthmed.api.doctor.Uf;
import br.com.healthmed.api.doctor.UpdateDoctorProfileCommand;
import br.com.healthmed.api.doctor.VerifyDoctorCommand;
import br.com.healthmed.api.privacy.Sealed;
import br.com.healthmed.api.schedule.DayScheduleId;
import br.com.healthmed.api.schedule.PatternId;
import br.com.healthmed.api.schedule.SlotHeldEvent;
import br.com.healthmed.api.schedule.SlotId;
import br.com.healthmed.api.schedule.SlotMovedEvent;
import br.com.healthmed.api.schedule.SlotMovedOutEvent;
import br.com.healthmed.api.schedule.SlotPublishedEvent;
import br.com.healthmed.api.schedule.SlotReleasedEvent;
import br.com.healthmed.api.schedule.SlotRemovedEvent;
import br.com.healthmed.api.schedule.WeeklyPattern;
import br.com.healthmed.api.schedule.WeeklyPatternPublishedEvent;
import br.com.healthmed.command.account.AccountRegistry;
import br.com.healthmed.command.privacy.PersonalDataVault;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.ANY;
import static com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility.NONE;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A doctor: profile, verification, price and time zone. Only a verified, active doctor publishes or is booked. Their slots live
 * in one {@link DaySchedule} per UTC day; this stream keeps only the slots published before that split (ADR 0011).
 */
@Aggregate(repository = "doctorRepository") // cached, checked against the store: CommandBusConfig
// The snapshot shape: bump it when the fields change incompatibly, and older snapshots are ignored. `deactivated` was
// added without a bump: a snapshot from before it has no such field and means an active doctor, which false is; the
// same holds for `closed` (no rejection or revocation existed before it).
@Revision("1")
@JsonAutoDetect(fieldVisibility = ANY, getterVisibility = NONE, isGetterVisibility = NONE)
public class Doctor {

    @AggregateIdentifier
    private DoctorId doctorId;
    private boolean verified;
    private boolean deactivated;
    /** The registration was rejected or the verification revoked: final, and the account with its CRM claim is gone. */
    private boolean closed;
    private Sealed name;
    private Sealed email;
    private Specialty specialty;
    private Money consultationPrice;
    private String timeZone;
    /**
     * Slots published before day schedules existed (ADR 0011), still bookable, movable and removable here. No slot is
     * added any more: new slots go to {@link DaySchedule}s, and a moved one leaves for the day schedule of its new start.
     * Stored as {@code slots}, as before: every slot in an older snapshot is one of these, so those snapshots stay valid.
     */
    @JsonProperty("slots")
    private Map<UUID, Slot> legacySlots = new LinkedHashMap<>();

    protected Doctor() {
    }

    Doctor(DoctorId doctorId, Sealed name, Sealed crmNumber, Uf crmUf, Sealed email, Specialty specialty,
           Money consultationPrice, String timeZone) {
        apply(new DoctorRegisteredEvent(doctorId, name, crmNumber, crmUf, email, specialty, consultationPrice, timeZone));
    }

    @CommandHandler
    void handle(VerifyDoctorCommand command) {
        requireOpen();
        if (!verified) {
            apply(new DoctorVerifiedEvent(doctorId));
        }
    }

    /**
     * Turns down a registration awaiting verification. The account and its CRM claim are removed in the command's
     * transaction, so the squatted CRM is free for its real holder from the commit on. Rejecting twice changes nothing.
     */
    @CommandHandler
    void handle(RejectDoctorRegistrationCommand command, PersonalDataVault vault, AccountRegistry accounts) {
        Justification reason = Justification.of(command.reason() == null ? null : command.reason().text(), "reason");
        if (closed) {
            return;
        }
        if (verified) {
            throw new DoctorAlreadyVerifiedException();
        }
        accounts.remove(doctorId.value());
        apply(new DoctorRegistrationRejectedEvent(doctorId, vault.seal(doctorId.value(), reason.text())));
    }

    /**
     * Withdraws a verification: like a deactivation (the account-closure processor cancels the appointments not yet
     * started, with this reason), but final, and the CRM claim is freed with the account. Revoking twice changes nothing.
     */
    @CommandHandler
    void handle(RevokeDoctorVerificationCommand command, PersonalDataVault vault, AccountRegistry accounts) {
        Justification reason = Justification.of(command.reason() == null ? null : command.reason().text(), "reason");
        if (closed) {
            return;
        }
        if (!verified) {
            throw new DoctorNotVerifiedException();
        }
        accounts.remove(doctorId.value());
        apply(new DoctorVerificationRevokedEvent(doctorId, vault.seal(doctorId.value(), reason.text())));
    }

    /**
     * Marks the account deactivated in the same transaction as the event, so login refuses from the commit on; the
     * appointments are cancelled next, by the account-closure processor. Deactivating twice changes nothing.
     */
    @CommandHandler
    void handle(DeactivateDoctorCommand command, PersonalDataVault vault, AccountRegistry accounts, Clock clock) {
        Justification reason = Justification.of(command.reason() == null ? null : command.reason().text(), "reason");
        if (deactivated || closed) {
            return;
        }
        accounts.deactivate(doctorId.value(), clock.instant());
        apply(new DoctorDeactivatedEvent(doctorId, vault.seal(doctorId.value(), reason.text())));
    }

    @CommandHandler
    void handle(ReactivateDoctorCommand command, AccountRegistry accounts) {
        requireOpen();
        if (deactivated) {
            accounts.reactivate(doctorId.value());
            apply(new DoctorReactivatedEvent(doctorId));
        }
    }

    @CommandHandler
    void handle(UpdateDoctorProfileCommand command, PersonalDataVault vault) {
        String newName = Require.present(command.name(), "name").value();
        String newEmail = Require.present(command.email(), "email").value();
        Specialty newSpecialty = Require.present(command.specialty(), "specialty");
        Money newPrice = DoctorInput.consultationPrice(command.consultationPrice());
        String newZone = DoctorInput.timeZone(command.timeZone());

        requireOpen();
        boolean vouchedForChanged = newSpecialty != specialty || !sameText(vault, name, newName);
        boolean profileChanged = vouchedForChanged
                || !newZone.equals(timeZone)
                || !sameText(vault, email, newEmail);
        if (profileChanged) {
            UUID subject = doctorId.value();
            apply(new DoctorProfileUpdatedEvent(doctorId, vault.seal(subject, newName), vault.seal(subject, newEmail),
                    newSpecialty, newZone));
        }
        // The verification vouched for this name and specialty (the CRM cannot change: it is the login name).
        if (vouchedForChanged && verified) {
            apply(new DoctorVerificationLapsedEvent(doctorId));
        }
        if (!newPrice.equals(consultationPrice)) {
            apply(new ConsultationPriceChangedEvent(doctorId, newPrice));
        }
    }

    /** The intent as the doctor entered it, read in their time zone at this moment; the slots go to day schedules. */
    PatternId publishPattern(WeeklyPattern pattern, int slotCount) {
        PatternId patternId = PatternId.random();
        apply(new WeeklyPatternPublishedEvent(doctorId, patternId, List.copyOf(pattern.weekdays()), pattern.startTime(),
                pattern.endTime(), pattern.slotMinutes(), pattern.fromDate(), pattern.toDate(), timeZone, slotCount));
        return patternId;
    }

    ZoneId timeZone() {
        return ZoneId.of(timeZone);
    }

    /** What a booking needs from this doctor, as a snapshot holds it (read without the doctor's lock, ADR 0018). */
    BookingTerms.Terms terms() {
        return new BookingTerms.Terms(verified, deactivated, consultationPrice);
    }

    Optional<Slot> legacySlot(SlotId slotId) {
        return Optional.ofNullable(slotId == null ? null : legacySlots.get(slotId.value()));
    }

    /**
     * Slots published before day schedules still count: a new or moved slot may not overlap one. Their set only ever
     * shrinks (they are never published, and a moved one leaves), so reading it without writing here is safe.
     */
    void requireNoLegacyOverlap(TimeRange range, SlotId ignored) {
        for (Slot slot : legacySlots.values()) {
            if (!slot.id().equals(ignored) && slot.range().overlaps(range)) {
                throw new SlotOverlapException();
            }
        }
    }

    /** A legacy slot moved to a new time leaves this stream for the day schedule of its new start. */
    void moveLegacySlotOut(SlotId slotId, TimeRange range, DayScheduleId to) {
        apply(new SlotMovedEvent(doctorId, slotId, range.start(), range.end()));
        apply(new SlotMovedOutEvent(doctorId, slotId, to));
    }

    void removeLegacySlot(SlotId slotId) {
        apply(new SlotRemovedEvent(doctorId, slotId));
    }

    /**
     * Holds a free slot kept in this stream for a new appointment. Called by the booking inside the same unit of work
     * that creates the appointment, so that the slot and the appointment commit together or not at all.
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
        Slot slot = legacySlots.get(slotId.value());
        if (slot != null && appointmentId.equals(slot.heldBy())) {
            apply(new SlotReleasedEvent(doctorId, slot.id(), appointmentId));
        }
    }

    void requireVerified() {
        if (deactivated) {
            throw new DoctorDeactivatedException();
        }
        if (!verified) {
            throw new DoctorNotVerifiedException();
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new DoctorRegistrationClosedException();
        }
    }

    private Slot slotOf(SlotId slotId) {
        return legacySlot(slotId).orElseThrow(SlotNotFoundException::new);
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
    void on(DoctorDeactivatedEvent event) {
        deactivated = true;
    }

    @EventSourcingHandler
    void on(DoctorReactivatedEvent event) {
        deactivated = false;
    }

    @EventSourcingHandler
    void on(DoctorRegistrationRejectedEvent event) {
        closed = true;
    }

    @EventSourcingHandler
    void on(DoctorVerificationRevokedEvent event) {
        verified = false;
        closed = true;
    }

    @EventSourcingHandler
    void on(DoctorVerificationLapsedEvent event) {
        verified = false;
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
        legacySlots.put(event.slotId().value(), Slot.free(event.slotId(), event.start(), event.end()));
    }

    @EventSourcingHandler
    void on(SlotMovedEvent event) {
        legacySlots.computeIfPresent(event.slotId().value(), (id, slot) -> slot.movedTo(event.start(), event.end()));
    }

    @EventSourcingHandler
    void on(SlotMovedOutEvent event) {
        legacySlots.remove(event.slotId().value());
    }

    @EventSourcingHandler
    void on(SlotRemovedEvent event) {
        legacySlots.remove(event.slotId().value());
    }

    @EventSourcingHandler
    void on(SlotHeldEvent event) {
        legacySlots.computeIfPresent(event.slotId().value(), (id, slot) -> slot.heldFor(event.appointmentId()));
    }

    @EventSourcingHandler
    void on(SlotReleasedEvent event) {
        legacySlots.computeIfPresent(event.slotId().value(), (id, slot) -> slot.released());
    }
}
