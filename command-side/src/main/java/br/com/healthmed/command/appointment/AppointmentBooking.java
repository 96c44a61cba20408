package br.com.healthmed.command.appointment;

import br.com.healthmed.api.appointment.AcceptAppointmentCommand;
import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.appointment.AppointmentOutcome;
import br.com.healthmed.api.appointment.AppointmentRequested;
import br.com.healthmed.api.appointment.AppointmentStatus;
import br.com.healthmed.api.appointment.CancelAppointmentCommand;
import br.com.healthmed.api.appointment.CompleteAppointmentCommand;
import br.com.healthmed.api.appointment.ExpireAppointmentCommand;
import br.com.healthmed.api.appointment.MarkNoShowCommand;
import br.com.healthmed.api.appointment.RejectAppointmentCommand;
import br.com.healthmed.api.appointment.RequestAppointmentCommand;
import br.com.healthmed.api.appointment.RescheduleAppointmentCommand;
import br.com.healthmed.api.appointment.WithdrawAppointmentCommand;
import br.com.healthmed.api.common.AuditMetadata;
import br.com.healthmed.api.common.Justification;
import br.com.healthmed.api.common.Money;
import br.com.healthmed.api.common.Require;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.common.TimeRange;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.patient.PatientId;
import br.com.healthmed.api.schedule.DayScheduleId;
import br.com.healthmed.api.schedule.SlotId;
import br.com.healthmed.command.config.BookingFaultInjection;
import br.com.healthmed.command.config.BookingProperties;
import br.com.healthmed.command.config.PatientRequestProperties;
import br.com.healthmed.command.doctor.BookingTerms;
import br.com.healthmed.command.doctor.DaySchedule;
import br.com.healthmed.command.doctor.Doctor;
import br.com.healthmed.command.doctor.HeldSlot;
import br.com.healthmed.command.doctor.SlotDirectory;
import br.com.healthmed.command.doctor.SlotNotFoundException;
import br.com.healthmed.command.patient.Patient;
import br.com.healthmed.command.patient.PatientNotFoundException;
import br.com.healthmed.command.privacy.PersonalDataVault;
import br.com.healthmed.command.shared.Caller;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * The commands that touch an appointment, the doctor's schedule and the patient's calendar together, in one unit of
 * work so that all three commit or none does.
 * <p>
 * Every handler takes the aggregates' locks in the same order, Appointment, then Doctor, then the slot's day schedule,
 * then Patient (a booking into a day schedule skips the Doctor: it reads the doctor's booking terms instead, ADR 0018) (the order {@code Scheduling} keeps too, with several days in ascending date), so that two commands can
 * never wait on each other's locks (for example a request and a cancellation on the same schedule). A handler may
 * skip a step, never reorder them. A rescheduling touches two day schedules when the new slot is on another day: it
 * loads both in ascending date, whichever is the old one.
 */
@Component
class AppointmentBooking {

    private final Repository<Appointment> appointments;
    private final Repository<Doctor> doctors;
    private final Repository<DaySchedule> daySchedules;
    private final Repository<Patient> patients;
    private final SlotDirectory slots;
    private final BookingTerms terms;
    private final PersonalDataVault vault;
    private final Clock clock;
    private final BookingProperties booking;
    private final BookingFaultInjection faults;
    private final LifecycleProperties lifecycle;
    private final PatientRequestProperties patientRequests;

    AppointmentBooking(Repository<Appointment> appointments, Repository<Doctor> doctors,
                       Repository<DaySchedule> daySchedules, Repository<Patient> patients, SlotDirectory slots,
                       BookingTerms terms, PersonalDataVault vault, Clock clock, BookingProperties booking,
                       BookingFaultInjection faults, LifecycleProperties lifecycle,
                       PatientRequestProperties patientRequests) {
        this.appointments = appointments;
        this.doctors = doctors;
        this.daySchedules = daySchedules;
        this.patients = patients;
        this.slots = slots;
        this.terms = terms;
        this.vault = vault;
        this.clock = clock;
        this.booking = booking;
        this.faults = faults;
        this.lifecycle = lifecycle;
        this.patientRequests = patientRequests;
    }

    @CommandHandler
    AppointmentRequested handle(RequestAppointmentCommand command,
                                @MetaDataValue(AuditMetadata.USER_ID) String userId,
                                @MetaDataValue(AuditMetadata.ROLE) String role) throws Exception {
        AppointmentId appointmentId = Require.present(command.appointmentId(), "appointmentId");
        DoctorId doctorId = Require.present(command.doctorId(), "doctorId");
        SlotId slotId = Require.present(command.slotId(), "slotId");
        PatientId patientId = Require.present(command.patientId(), "patientId");
        if (!Caller.of(userId, role).is(Role.PATIENT, patientId.value())) {
            throw new AppointmentNotFoundException();
        }
        if (faults.delaysHandler()) {
            Thread.sleep(faults.handlerDelay());
        }
        Instant now = clock.instant();

        // loadOrCreate locks the new appointment's id before anything else, keeping the lock order.
        Aggregate<Appointment> appointment = appointments.loadOrCreate(appointmentId.toString(), Appointment::new);
        appointment.execute(Appointment::requireNew);
        HeldSlot held = holdSlot(command.scheduleId(), doctorId, slotId, appointmentId, now);
        patientOf(patientId).execute(patient -> patient.requestTime(appointmentId, held.time(), now, patientRequests.maxPending()));
        appointment.execute(a -> a.request(appointmentId, doctorId, patientId, slotId, held));
        return new AppointmentRequested(appointmentId, AppointmentStatus.REQUESTED, held.price());
    }

    @CommandHandler
    AppointmentOutcome handle(AcceptAppointmentCommand command,
                              @MetaDataValue(AuditMetadata.USER_ID) String userId,
                              @MetaDataValue(AuditMetadata.ROLE) String role) {
        Caller caller = Caller.of(userId, role);
        Instant now = clock.instant();
        Aggregate<Appointment> appointment = appointmentOf(command.appointmentId());
        appointment.execute(a -> a.accept(caller, now));
        // Patient last, as in every handler here: the accepted request no longer counts against the patient's pending cap.
        patients.load(appointment.invoke(Appointment::bookedSlot).patientId().toString())
                .execute(patient -> patient.confirmTime(command.appointmentId()));
        return new AppointmentOutcome(command.appointmentId(), AppointmentStatus.ACCEPTED);
    }

    @CommandHandler
    AppointmentOutcome handle(RejectAppointmentCommand command,
                              @MetaDataValue(AuditMetadata.USER_ID) String userId,
                              @MetaDataValue(AuditMetadata.ROLE) String role) {
        Justification reason = validated(command.reason(), "reason");
        Caller caller = Caller.of(userId, role);
        Aggregate<Appointment> appointment = appointmentOf(command.appointmentId());
        appointment.execute(a -> a.reject(caller, reason, vault));
        release(command.appointmentId(), appointment.invoke(Appointment::bookedSlot));
        return new AppointmentOutcome(command.appointmentId(), AppointmentStatus.REJECTED);
    }

    @CommandHandler
    AppointmentOutcome handle(CancelAppointmentCommand command,
                              @MetaDataValue(AuditMetadata.USER_ID) String userId,
                              @MetaDataValue(AuditMetadata.ROLE) String role) {
        Justification justification = validated(command.justification(), "justification");
        Caller caller = Caller.of(userId, role);
        Instant now = clock.instant();
        Aggregate<Appointment> appointment = appointmentOf(command.appointmentId());
        appointment.execute(a -> a.cancel(caller, justification, vault, now, lifecycle.patientCancellationCutoff()));
        release(command.appointmentId(), appointment.invoke(Appointment::bookedSlot));
        return new AppointmentOutcome(command.appointmentId(), AppointmentStatus.CANCELLED);
    }

    /** Frees the slot and the patient's time exactly as a rejection does, in the same unit of work and lock order. */
    @CommandHandler
    void handle(ExpireAppointmentCommand command) {
        Aggregate<Appointment> appointment = appointmentOf(command.appointmentId());
        if (appointment.invoke(a -> a.expire(command.start()))) {
            release(command.appointmentId(), appointment.invoke(Appointment::bookedSlot));
        }
    }

    @CommandHandler
    void handle(CompleteAppointmentCommand command) {
        Instant now = clock.instant();
        appointmentOf(command.appointmentId()).execute(appointment -> appointment.complete(now));
    }

    @CommandHandler
    AppointmentOutcome handle(MarkNoShowCommand command,
                              @MetaDataValue(AuditMetadata.USER_ID) String userId,
                              @MetaDataValue(AuditMetadata.ROLE) String role) {
        Justification reason = command.reason() == null ? null : validated(command.reason(), "reason");
        Caller caller = Caller.of(userId, role);
        Instant now = clock.instant();
        appointmentOf(command.appointmentId())
                .execute(a -> a.markNoShow(caller, reason, vault, now, lifecycle.noShowWindow()));
        return new AppointmentOutcome(command.appointmentId(), AppointmentStatus.NO_SHOW);
    }

    /** Sent by {@link AccountClosures}: frees the slot and the patient's time as a cancellation does. */
    @CommandHandler
    void handle(WithdrawAppointmentCommand command) {
        Justification justification = validated(command.justification(), "justification");
        Instant now = clock.instant();
        Aggregate<Appointment> appointment = appointmentOf(command.appointmentId());
        if (appointment.invoke(a -> a.withdraw(command.closure(), justification, vault, now))) {
            release(command.appointmentId(), appointment.invoke(Appointment::bookedSlot));
        }
    }

    /**
     * Moves the appointment to another free slot of its doctor: the new slot is held before the old one is released,
     * the patient's time follows, and all of it commits together or not at all. Only the appointment is locked before
     * the transaction (its target); the rest is locked by loading, in the booking's order, so a reschedule and a
     * booking racing for the same slot meet on its day schedule and exactly one holds it.
     */
    @CommandHandler
    AppointmentOutcome handle(RescheduleAppointmentCommand command,
                              @MetaDataValue(AuditMetadata.USER_ID) String userId,
                              @MetaDataValue(AuditMetadata.ROLE) String role) {
        AppointmentId appointmentId = command.appointmentId();
        SlotId newSlot = Require.present(command.slotId(), "slotId");
        Caller caller = Caller.of(userId, role);
        Instant now = clock.instant();
        Aggregate<Appointment> appointment = appointmentOf(appointmentId);
        Appointment.Rescheduling plan = appointment.invoke(a -> a.planReschedule(caller, command.doctorId(), newSlot,
                now, lifecycle.patientCancellationCutoff()));
        if (plan.unchanged()) {
            return new AppointmentOutcome(appointmentId, plan.status());
        }
        Appointment.BookedSlot from = plan.from();
        DayScheduleId oldDay = slots.ownerOf(from.slotId()).map(SlotDirectory.Owner::schedule).orElse(null);
        DayScheduleId newDay = command.scheduleId();
        if (newDay != null && !newDay.doctorId().equals(from.doctorId())) {
            throw new SlotNotFoundException();
        }
        Aggregate<Doctor> doctor = oldDay == null || newDay == null ? doctors.load(from.doctorId().toString()) : null;
        Map<DayScheduleId, Aggregate<DaySchedule>> days = daysInLockOrder(oldDay, newDay);

        TimeRange newTime = newDay == null
                ? doctor.invoke(d -> d.holdSlot(newSlot, appointmentId, now, booking.minimumNotice())).time()
                : days.get(newDay).invoke(day -> day.hold(newSlot, appointmentId, now, booking.minimumNotice()));
        if (oldDay == null) {
            doctor.execute(d -> d.releaseSlot(from.slotId(), appointmentId));
        } else {
            days.get(oldDay).execute(day -> day.release(from.slotId(), appointmentId));
        }
        patients.load(from.patientId().toString()).execute(patient -> patient.moveTime(appointmentId, newTime,
                plan.by() == Role.PATIENT));
        appointment.execute(a -> a.reschedule(plan, newSlot, newTime));
        return new AppointmentOutcome(appointmentId, appointment.invoke(Appointment::status));
    }

    /** Loads (and so locks) the given day schedules in ascending date; a day named twice is loaded once. */
    private Map<DayScheduleId, Aggregate<DaySchedule>> daysInLockOrder(DayScheduleId... ids) {
        Map<DayScheduleId, Aggregate<DaySchedule>> loaded = new LinkedHashMap<>();
        Stream.of(ids).filter(Objects::nonNull).sorted(Comparator.comparing(DayScheduleId::day)).distinct()
                .forEach(id -> loaded.put(id, daySchedule(id)));
        return loaded;
    }

    private Aggregate<DaySchedule> daySchedule(DayScheduleId id) {
        try {
            return daySchedules.load(id.toString());
        } catch (AggregateNotFoundException e) {
            throw new SlotNotFoundException();
        }
    }

    /**
     * The slot in the day schedule the request named, at the price in force (from the doctor's booking terms, without
     * loading or locking the Doctor: ADR 0018), or in the doctor's own stream for a slot published before day
     * schedules. A schedule that does not hold the slot is answered as no slot at all.
     */
    private HeldSlot holdSlot(DayScheduleId scheduleId, DoctorId doctorId, SlotId slotId, AppointmentId appointmentId,
                              Instant now) {
        if (scheduleId == null) {
            return doctors.load(doctorId.toString())
                    .invoke(d -> d.holdSlot(slotId, appointmentId, now, booking.minimumNotice()));
        }
        Money price = terms.of(doctorId)
                .orElseThrow(() -> new AggregateNotFoundException(doctorId.toString(), "no such doctor"))
                .bookingPrice();
        if (!scheduleId.doctorId().equals(doctorId)) {
            throw new SlotNotFoundException();
        }
        TimeRange time;
        try {
            time = daySchedules.load(scheduleId.toString())
                    .invoke(day -> day.hold(slotId, appointmentId, now, booking.minimumNotice()));
        } catch (AggregateNotFoundException e) {
            throw new SlotNotFoundException();
        }
        return new HeldSlot(time, price);
    }

    /** Frees the slot where the directory says it lives (a held slot never moves) and the patient's time. */
    private void release(AppointmentId appointmentId, Appointment.BookedSlot booked) {
        DayScheduleId schedule = slots.ownerOf(booked.slotId()).map(SlotDirectory.Owner::schedule).orElse(null);
        if (schedule == null) {
            doctors.load(booked.doctorId().toString())
                    .execute(doctor -> doctor.releaseSlot(booked.slotId(), appointmentId));
        } else {
            daySchedules.load(schedule.toString()).execute(day -> day.release(booked.slotId(), appointmentId));
        }
        patients.load(booked.patientId().toString()).execute(patient -> patient.releaseTime(appointmentId));
    }

    /** An unknown id gets the same answer as someone else's appointment, so ids cannot be probed. */
    private Aggregate<Appointment> appointmentOf(AppointmentId appointmentId) {
        if (appointmentId == null) {
            throw new AppointmentNotFoundException();
        }
        try {
            return appointments.load(appointmentId.toString());
        } catch (AggregateNotFoundException e) {
            throw new AppointmentNotFoundException();
        }
    }

    private Aggregate<Patient> patientOf(PatientId patientId) {
        try {
            return patients.load(patientId.toString());
        } catch (AggregateNotFoundException e) {
            throw new PatientNotFoundException();
        }
    }

    /** Commands may be built without {@link Justification#of}; the length rules hold whatever the caller did. */
    private static Justification validated(Justification justification, String field) {
        return Justification.of(justification == null ? null : justification.text(), field);
    }
}
