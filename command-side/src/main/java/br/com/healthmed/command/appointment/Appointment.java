package br.com.healthmed.command.appointment;

import br.com.healthmed.api.appointment.AccountClosure;
import br.com.healthmed.api.appointment.AppointmentAcceptedEvent;
import br.com.healthmed.api.appointment.AppointmentCancelledEvent;
import br.com.healthmed.api.appointment.AppointmentCompletedEvent;
import br.com.healthmed.api.appointment.AppointmentExpiredEvent;
import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.appointment.AppointmentNoShowEvent;
import br.com.healthmed.api.appointment.AppointmentRejectedEvent;
import br.com.healthmed.api.appointment.AppointmentRequestedEvent;
import br.com.healthmed.api.appointment.AppointmentRescheduledEvent;
import br.com.healthmed.api.appointment.AppointmentStatus;
import br.com.healthmed.api.appointment.ConsultationConsentRecordedEvent;
import br.com.healthmed.api.appointment.ConsultationEndedEvent;
import br.com.healthmed.api.appointment.ConsultationStartedEvent;
import br.com.healthmed.api.appointment.ParticipantJoinedEvent;
import br.com.healthmed.api.appointment.ParticipantLeftEvent;
import br.com.healthmed.api.common.Justification;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.common.TimeRange;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.patient.PatientId;
import br.com.healthmed.api.schedule.SlotId;
import br.com.healthmed.command.doctor.HeldSlot;
import br.com.healthmed.command.privacy.PersonalDataVault;
import br.com.healthmed.command.shared.Caller;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Duration;
import java.time.Instant;

import static br.com.healthmed.api.appointment.AppointmentStatus.ACCEPTED;
import static br.com.healthmed.api.appointment.AppointmentStatus.CANCELLED;
import static br.com.healthmed.api.appointment.AppointmentStatus.COMPLETED;
import static br.com.healthmed.api.appointment.AppointmentStatus.EXPIRED;
import static br.com.healthmed.api.appointment.AppointmentStatus.NO_SHOW;
import static br.com.healthmed.api.appointment.AppointmentStatus.REJECTED;
import static br.com.healthmed.api.appointment.AppointmentStatus.REQUESTED;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An appointment's lifecycle: only its doctor decides, and before it starts; only its parties cancel or move it; an
 * unanswered request expires; an accepted one completes when it ends. REJECTED, CANCELLED, EXPIRED and NO_SHOW are
 * final.
 */
@Aggregate(repository = "appointmentRepository") // cached, checked against the store: CommandBusConfig
public class Appointment {

    static final String ROOM_CLOSES = "consultation-room-closes";

    /** The deadline's payload: the started consultation of this appointment ends when its room closes, at {@code closesAt}. */
    public record RoomClosesDue(AppointmentId appointmentId, Instant closesAt) {
    }

    @AggregateIdentifier
    private AppointmentId appointmentId;
    private DoctorId doctorId;
    private PatientId patientId;
    private SlotId slotId;
    private Instant start;
    private Instant end;
    private AppointmentStatus status;
    private boolean consentRecorded;
    private boolean consultationStarted;
    private boolean consultationEnded;
    private boolean doctorAttended;
    private boolean patientAttended;

    Appointment() {
    }

    /** Fails when this id already names an appointment; the booking asks before it locks anything else. */
    void requireNew() {
        if (status != null) {
            throw new AppointmentAlreadyExistsException();
        }
    }

    /** The price is the one the schedule quoted while holding the slot, and the appointment keeps it for good. */
    void request(AppointmentId id, DoctorId doctor, PatientId patient, SlotId slot, HeldSlot held) {
        requireNew();
        apply(new AppointmentRequestedEvent(id, doctor, patient, slot, held.time().start(), held.time().end(),
                held.price()));
    }

    void accept(Caller caller, Instant now) {
        requireDoctor(caller);
        if (status != REQUESTED) {
            throw new AppointmentNotPendingException();
        }
        if (!now.isBefore(start)) {
            throw new AppointmentAlreadyStartedException();
        }
        apply(new AppointmentAcceptedEvent(appointmentId, doctorId, patientId));
    }

    /** The reason is sealed with the patient's key: it is about the patient's care, whoever wrote it. */
    void reject(Caller caller, Justification reason, PersonalDataVault vault) {
        requireDoctor(caller);
        if (status != REQUESTED) {
            throw new AppointmentNotPendingException();
        }
        apply(new AppointmentRejectedEvent(appointmentId, doctorId, patientId, slotId,
                vault.seal(patientId.value(), reason.text())));
    }

    /** Patients cannot cancel within {@code patientCutoff} of the start, so the doctor is not left with a gap. */
    void cancel(Caller caller, Justification justification, PersonalDataVault vault, Instant now, Duration patientCutoff) {
        Role party = partyOf(caller);
        if (!status.isActive()) {
            throw new AppointmentNotActiveException();
        }
        if (party == Role.DOCTOR && status != ACCEPTED) {
            throw new AppointmentNotCancellableException();
        }
        if (!now.isBefore(start)) {
            throw new AppointmentAlreadyStartedException();
        }
        if (party == Role.PATIENT && !now.isBefore(start.minus(patientCutoff))) {
            throw new CancellationTooLateException();
        }
        apply(new AppointmentCancelledEvent(appointmentId, doctorId, patientId, slotId,
                vault.seal(patientId.value(), justification.text()), party));
    }

    /**
     * Whether {@code caller} may move this appointment to {@code slot} of {@code slotsDoctor} now, checked before any
     * slot is touched: its patient moves a request or an accepted appointment (not within {@code patientCutoff} of
     * the start, as for a cancellation), its doctor an accepted one (a request the doctor does not want is rejected),
     * to a slot of the same doctor, before it starts.
     */
    Rescheduling planReschedule(Caller caller, DoctorId slotsDoctor, SlotId slot, Instant now, Duration patientCutoff) {
        Role party = partyOf(caller);
        if (!status.isActive() || (party == Role.DOCTOR && status != ACCEPTED)) {
            throw new RescheduleNotAllowedException();
        }
        if (!now.isBefore(start)) {
            throw new AppointmentAlreadyStartedException();
        }
        if (!doctorId.equals(slotsDoctor)) {
            throw new SlotNotOfSameDoctorException();
        }
        if (slot.equals(slotId)) {
            return new Rescheduling(party, bookedSlot(), status, true);
        }
        if (party == Role.PATIENT && !now.isBefore(start.minus(patientCutoff))) {
            throw new RescheduleTooLateException();
        }
        return new Rescheduling(party, bookedSlot(), status, false);
    }

    /**
     * Records the move once the new slot is held and the old one released. A patient's move asks the doctor again
     * (REQUESTED); the doctor's own move keeps the acceptance.
     */
    void reschedule(Rescheduling plan, SlotId newSlot, TimeRange newTime) {
        AppointmentStatus after = plan.by() == Role.PATIENT ? REQUESTED : status;
        apply(new AppointmentRescheduledEvent(appointmentId, doctorId, patientId, slotId, start, end, newSlot,
                newTime.start(), newTime.end(), after, plan.by()));
    }

    /**
     * Cancels for a party whose account closed (ADR 0020); true when it did, so that the caller frees the slot. None of
     * the parties' rules apply; an appointment no longer active is left alone, as one of a deactivated doctor that has
     * already started (it completes as usual). Recorded as cancelled by the patient (erasure) or by an ADMIN.
     */
    boolean withdraw(AccountClosure closure, Justification justification, PersonalDataVault vault, Instant now) {
        if (status == null || !status.isActive()) {
            return false;
        }
        if (closure == AccountClosure.DOCTOR_DEACTIVATED && !now.isBefore(start)) {
            return false;
        }
        Role by = closure == AccountClosure.PATIENT_ERASED ? Role.PATIENT : Role.ADMIN;
        apply(new AppointmentCancelledEvent(appointmentId, doctorId, patientId, slotId,
                vault.seal(patientId.value(), justification.text()), by));
        return true;
    }

    /**
     * Expires a request still unanswered; true when it did, so that the caller frees the slot. A request answered in
     * the meantime stays as it is: the deadline that asks may be late, or fire twice.
     */
    boolean expire() {
        return expire(null);
    }

    /** As {@link #expire()}, but only if the request still starts at {@code dueFor}: a moved request has a new deadline. */
    boolean expire(Instant dueFor) {
        if (status != REQUESTED || (dueFor != null && !dueFor.equals(start))) {
            return false;
        }
        apply(new AppointmentExpiredEvent(appointmentId, doctorId, patientId, slotId));
        return true;
    }

    /** Completes an accepted appointment whose time has ended; anything else is left alone, as for {@link #expire}. */
    void complete(Instant now) {
        if (status == ACCEPTED && !now.isBefore(end)) {
            apply(new AppointmentCompletedEvent(appointmentId, doctorId, patientId));
        }
    }

    /**
     * Its doctor records a no-show after the end and within {@code window}, unless the patient entered the video room;
     * the slot stays used, it was kept for them.
     */
    void markNoShow(Caller caller, Justification reason, PersonalDataVault vault, Instant now, Duration window) {
        requireDoctor(caller);
        boolean keptForThePatient = status == ACCEPTED || status == COMPLETED;
        // A patient who entered the video room attended, whatever the clock says.
        if (!keptForThePatient || patientAttended || now.isBefore(end) || now.isAfter(end.plus(window))) {
            throw new NoShowNotAllowedException();
        }
        apply(new AppointmentNoShowEvent(appointmentId, doctorId, patientId,
                reason == null ? null : vault.seal(patientId.value(), reason.text())));
    }

    /** Idempotent: a patient who consented once has consented; only while there is a room to consent to. */
    void recordConsultationConsent(Caller caller) {
        if (partyOf(caller) != Role.PATIENT) {
            throw new AppointmentNotFoundException();
        }
        requireRoomExists();
        if (!consentRecorded) {
            apply(new ConsultationConsentRecordedEvent(appointmentId, patientId));
        }
    }

    /**
     * The video room admits this appointment's two parties only, while it is accepted (or completed by its time, until
     * the room closes), inside the window around its time, and the patient only after consenting. Answers the role in
     * which the caller enters and until when the room stays open.
     */
    RoomAdmission admit(Caller caller, Instant now, ConsultationWindow window) {
        Role party = partyOf(caller);
        requireRoomExists();
        if (now.isBefore(window.opensAt(start))) {
            throw new ConsultationRoomNotOpenException();
        }
        if (!now.isBefore(window.closesAt(end))) {
            throw new ConsultationRoomClosedException();
        }
        if (party == Role.PATIENT && !consentRecorded) {
            throw new ConsultationConsentRequiredException();
        }
        return new RoomAdmission(party, window.closesAt(end));
    }

    /**
     * The first one in starts the consultation and asks for its end when the room closes, so that a consultation
     * nobody ends explicitly (both just close their windows) still ends; every entry, re-entries after a dropped
     * connection too, is recorded.
     */
    RoomAdmission join(Caller caller, Instant now, ConsultationWindow window, DeadlineManager deadlines) {
        RoomAdmission admission = admit(caller, now, window);
        if (!consultationStarted) {
            apply(new ConsultationStartedEvent(appointmentId, doctorId, patientId));
            scheduleRoomClosing(admission.closesAt(), deadlines);
        }
        apply(new ParticipantJoinedEvent(appointmentId, admission.role()));
        return admission;
    }

    /** A connection that ends after the consultation ended, or before anything started, leaves nothing to record. */
    void leave(Caller caller) {
        Role party = partyOf(caller);
        if (consultationStarted && !consultationEnded) {
            apply(new ParticipantLeftEvent(appointmentId, party));
        }
    }

    /** Its doctor ends the consultation, and the room with it. */
    void endConsultation(Caller caller) {
        requireDoctor(caller);
        if (consultationEnded) {
            return;
        }
        if (!consultationStarted) {
            throw new ConsultationNotStartedException();
        }
        closeConsultation(MetaData.emptyInstance());
    }

    /**
     * The room of a started consultation closed: the consultation ends there, by time, as if the doctor had ended it.
     * The deadline may come late, twice, or after the doctor ended it (nothing to do then); if the appointment moved
     * to a later time meanwhile, the room now closes later, and the end is asked for again then.
     */
    @DeadlineHandler(deadlineName = ROOM_CLOSES)
    void roomCloses(RoomClosesDue due, MetaData scheduledBy, ConsultationProperties room, DeadlineManager deadlines) {
        if (!consultationStarted || consultationEnded) {
            return;
        }
        Instant closesAt = room.window().closesAt(end);
        if (closesAt.isAfter(due.closesAt())) {
            scheduleRoomClosing(closesAt, deadlines);
            return;
        }
        closeConsultation(scheduledBy);
    }

    /**
     * The one way a consultation ends, whoever ends it: a consultation both parties attended completes an appointment
     * still accepted at once, without waiting for its time to end (one whose time ended was completed by it already).
     * {@code by} names who ended it when no command did (a deadline's unit of work copies no caller onto the events).
     */
    private void closeConsultation(MetaData by) {
        boolean held = doctorAttended && patientAttended;
        apply(new ConsultationEndedEvent(appointmentId, doctorId, patientId, held), by);
        if (held && status == ACCEPTED) {
            apply(new AppointmentCompletedEvent(appointmentId, doctorId, patientId), by);
        }
    }

    /** Time did it, not the participant who happened to enter first: the deadline carries the system as its author. */
    private void scheduleRoomClosing(Instant closesAt, DeadlineManager deadlines) {
        deadlines.schedule(closesAt, ROOM_CLOSES,
                new GenericMessage<>(new RoomClosesDue(appointmentId, closesAt), AppointmentLifecycle.bySystem()));
    }

    private void requireRoomExists() {
        boolean roomKept = status == ACCEPTED || status == COMPLETED;
        if (!roomKept || consultationEnded) {
            throw new ConsultationUnavailableException();
        }
    }

    AppointmentStatus status() {
        return status;
    }

    /** The doctor's slot and the patient's time this appointment holds (or held). */
    BookedSlot bookedSlot() {
        return new BookedSlot(doctorId, slotId, patientId);
    }

    private void requireDoctor(Caller caller) {
        if (status == null || !caller.is(Role.DOCTOR, doctorId.value())) {
            throw new AppointmentNotFoundException();
        }
    }

    private Role partyOf(Caller caller) {
        if (status != null && caller.is(Role.PATIENT, patientId.value())) {
            return Role.PATIENT;
        }
        if (status != null && caller.is(Role.DOCTOR, doctorId.value())) {
            return Role.DOCTOR;
        }
        throw new AppointmentNotFoundException();
    }

    @EventSourcingHandler
    void on(AppointmentRequestedEvent event) {
        appointmentId = event.appointmentId();
        doctorId = event.doctorId();
        patientId = event.patientId();
        slotId = event.slotId();
        start = event.start();
        end = event.end();
        status = REQUESTED;
    }

    @EventSourcingHandler
    void on(AppointmentRescheduledEvent event) {
        slotId = event.slotId();
        start = event.start();
        end = event.end();
        status = event.status();
    }

    @EventSourcingHandler
    void on(AppointmentAcceptedEvent event) {
        status = ACCEPTED;
    }

    @EventSourcingHandler
    void on(AppointmentRejectedEvent event) {
        status = REJECTED;
    }

    @EventSourcingHandler
    void on(AppointmentCancelledEvent event) {
        status = CANCELLED;
    }

    @EventSourcingHandler
    void on(AppointmentExpiredEvent event) {
        status = EXPIRED;
    }

    @EventSourcingHandler
    void on(AppointmentCompletedEvent event) {
        status = COMPLETED;
    }

    @EventSourcingHandler
    void on(AppointmentNoShowEvent event) {
        status = NO_SHOW;
    }

    @EventSourcingHandler
    void on(ConsultationConsentRecordedEvent event) {
        consentRecorded = true;
    }

    @EventSourcingHandler
    void on(ConsultationStartedEvent event) {
        consultationStarted = true;
    }

    @EventSourcingHandler
    void on(ParticipantJoinedEvent event) {
        if (event.participant() == Role.DOCTOR) {
            doctorAttended = true;
        } else if (event.participant() == Role.PATIENT) {
            patientAttended = true;
        }
    }

    @EventSourcingHandler
    void on(ConsultationEndedEvent event) {
        consultationEnded = true;
    }

    record BookedSlot(DoctorId doctorId, SlotId slotId, PatientId patientId) {
    }

    /**
     * A move that passed the rules: who asks, what the appointment holds now and its status. {@code unchanged} when
     * the new slot is the one it already holds, so that a retried request answers as the first did.
     */
    record Rescheduling(Role by, BookedSlot from, AppointmentStatus status, boolean unchanged) {
    }
}
