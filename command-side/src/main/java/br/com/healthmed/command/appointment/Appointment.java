package br.com.healthmed.command.appointment;

import br.com.healthmed.api.appointment.AppointmentAcceptedEvent;
import br.com.healthmed.api.appointment.AppointmentCancelledEvent;
import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.appointment.AppointmentRejectedEvent;
import br.com.healthmed.api.appointment.AppointmentRequestedEvent;
import br.com.healthmed.api.appointment.AppointmentStatus;
import br.com.healthmed.api.common.Justification;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.patient.PatientId;
import br.com.healthmed.api.schedule.SlotId;
import br.com.healthmed.command.doctor.HeldSlot;
import br.com.healthmed.command.privacy.PersonalDataVault;
import br.com.healthmed.command.shared.Caller;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;

import static br.com.healthmed.api.appointment.AppointmentStatus.ACCEPTED;
import static br.com.healthmed.api.appointment.AppointmentStatus.CANCELLED;
import static br.com.healthmed.api.appointment.AppointmentStatus.REJECTED;
import static br.com.healthmed.api.appointment.AppointmentStatus.REQUESTED;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** An appointment's lifecycle: only its doctor decides, only its parties cancel, and REJECTED or CANCELLED is final. */
@Aggregate(cache = "appointmentCache", lockFactory = "aggregateLockFactory")
class Appointment {

    @AggregateIdentifier
    private AppointmentId appointmentId;
    private DoctorId doctorId;
    private PatientId patientId;
    private SlotId slotId;
    private Instant start;
    private AppointmentStatus status;

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

    void accept(Caller caller) {
        requireDoctor(caller);
        if (status != REQUESTED) {
            throw new AppointmentNotPendingException();
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

    void cancel(Caller caller, Justification justification, PersonalDataVault vault, Instant now) {
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
        apply(new AppointmentCancelledEvent(appointmentId, doctorId, patientId, slotId,
                vault.seal(patientId.value(), justification.text()), party));
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
        status = REQUESTED;
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

    record BookedSlot(DoctorId doctorId, SlotId slotId, PatientId patientId) {
    }
}
