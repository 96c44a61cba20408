package br.com.healthmed.command.appointment;

import br.com.healthmed.api.appointment.AppointmentAcceptedEvent;
import br.com.healthmed.api.appointment.AppointmentCancelledEvent;
import br.com.healthmed.api.appointment.AppointmentCompletedEvent;
import br.com.healthmed.api.appointment.AppointmentExpiredEvent;
import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.appointment.AppointmentNoShowEvent;
import br.com.healthmed.api.appointment.AppointmentRejectedEvent;
import br.com.healthmed.api.appointment.AppointmentReminderDueEvent;
import br.com.healthmed.api.appointment.AppointmentRequestedEvent;
import br.com.healthmed.api.appointment.AppointmentRescheduledEvent;
import br.com.healthmed.api.appointment.AppointmentStatus;
import br.com.healthmed.api.appointment.CompleteAppointmentCommand;
import br.com.healthmed.api.appointment.ConsultationEndedEvent;
import br.com.healthmed.api.appointment.ExpireAppointmentCommand;
import br.com.healthmed.api.common.AuditMetadata;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.patient.PatientId;
import br.com.healthmed.command.config.BookingProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The clock of one appointment (ADR 0012): it schedules the request's expiry and, once accepted, its end and the
 * patient's reminders (24 h and 2 h before, {@code healthmed.lifecycle.reminders}), and schedules them anew for the new
 * time when the appointment is rescheduled (ADR 0019), as Axon
 * deadlines kept in PostgreSQL, and when one falls due it sends the command that {@link AppointmentBooking} handles
 * next to rejection and cancellation, in one unit of work and the same lock order. The saga itself loads no aggregate.
 * <p>
 * It waits for the command's answer: if the command fails (a lock busy, the database away), the deadline fails with it
 * and db-scheduler runs it again later. The commands do nothing to an appointment that moved on in the meantime, so a
 * late or repeated deadline is harmless, and so is one that fires after the saga ended (nothing handles it). Cancelling
 * a deadline at the very moment it runs is refused by db-scheduler; the event's batch then fails and the tracking
 * processor retries it, by when the deadline has finished.
 */
@Saga
@ProcessingGroup(AppointmentLifecycle.GROUP)
public class AppointmentLifecycle {

    static final String GROUP = "appointment-lifecycle";
    static final String REQUEST_EXPIRY = "appointment-request-expiry";
    static final String APPOINTMENT_END = "appointment-end";
    static final String REMINDER = "appointment-reminder";
    private static final String ASSOCIATION = "appointmentId";

    @JsonProperty
    private Instant start;
    @JsonProperty
    private Instant end;
    @JsonProperty
    private Map<String, String> reminderDeadlines = new LinkedHashMap<>();
    @JsonProperty
    private String expiryDeadline;
    @JsonProperty
    private String endDeadline;

    /**
     * The deadline's payload: which request is due for expiry, and for which start (null in deadlines stored before
     * rescheduling existed), so that a deadline of a time the appointment left expires nothing.
     */
    public record RequestExpiryDue(AppointmentId appointmentId, Instant start) {
    }

    /** The deadline's payload: which accepted appointment has ended. */
    public record AppointmentEndDue(AppointmentId appointmentId) {
    }

    /** The deadline's payload: whom to remind, how long before the start. */
    public record ReminderDue(AppointmentId appointmentId, DoctorId doctorId, PatientId patientId, Duration before) {
    }

    @StartSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    void on(AppointmentRequestedEvent event, @Timestamp Instant requestedAt, DeadlineManager deadlines,
            LifecycleProperties lifecycle, BookingProperties booking) {
        start = event.start();
        end = event.end();
        Instant expiry = lifecycle.expiryOf(requestedAt, event.start(), booking.minimumNotice());
        expiryDeadline = deadlines.schedule(expiry, REQUEST_EXPIRY, new RequestExpiryDue(event.appointmentId(), start));
    }

    /** Reminders only for moments still ahead: an appointment accepted 3 h before its start gets the 2 h one only. */
    @SagaEventHandler(associationProperty = ASSOCIATION)
    void on(AppointmentAcceptedEvent event, @Timestamp Instant acceptedAt, DeadlineManager deadlines,
            LifecycleProperties lifecycle) {
        cancelExpiry(deadlines);
        scheduleEndAndReminders(event.appointmentId(), event.doctorId(), event.patientId(), acceptedAt, deadlines,
                lifecycle);
    }

    /**
     * The old time's deadlines are cancelled and the new time's scheduled, in the saga's transaction: none of the old
     * ones fires. Moved back to REQUESTED, it is a new question to the doctor, so the expiry counts from the move.
     */
    @SagaEventHandler(associationProperty = ASSOCIATION)
    void on(AppointmentRescheduledEvent event, @Timestamp Instant rescheduledAt, DeadlineManager deadlines,
            LifecycleProperties lifecycle, BookingProperties booking) {
        cancelAll(deadlines);
        start = event.start();
        end = event.end();
        if (event.status() == AppointmentStatus.ACCEPTED) {
            scheduleEndAndReminders(event.appointmentId(), event.doctorId(), event.patientId(), rescheduledAt,
                    deadlines, lifecycle);
        } else {
            Instant expiry = lifecycle.expiryOf(rescheduledAt, start, booking.minimumNotice());
            expiryDeadline = deadlines.schedule(expiry, REQUEST_EXPIRY, new RequestExpiryDue(event.appointmentId(), start));
        }
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    void on(AppointmentRejectedEvent event, DeadlineManager deadlines) {
        cancelAll(deadlines);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    void on(AppointmentCancelledEvent event, DeadlineManager deadlines) {
        cancelAll(deadlines);
    }

    /** Its own deadline caused it, and may still be finishing: cancelling a running deadline fails, so nothing is. */
    @EndSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    void on(AppointmentExpiredEvent event) {
        expiryDeadline = null;
    }

    /** As for expiry: the end deadline caused it, and the expiry was cancelled on acceptance. */
    @EndSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    void on(AppointmentCompletedEvent event) {
        endDeadline = null;
    }

    /**
     * A consultation both parties attended completes the appointment before its end (the completion follows in the same
     * batch and ends the saga): the end deadline and any reminder left are no longer wanted.
     */
    @SagaEventHandler(associationProperty = ASSOCIATION)
    void on(ConsultationEndedEvent event, DeadlineManager deadlines) {
        if (event.held()) {
            cancelAll(deadlines);
        }
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    void on(AppointmentNoShowEvent event, DeadlineManager deadlines) {
        cancelAll(deadlines);
    }

    @DeadlineHandler(deadlineName = REQUEST_EXPIRY)
    void expire(RequestExpiryDue due, CommandGateway commands) {
        commands.sendAndWait(new ExpireAppointmentCommand(due.appointmentId(), due.start()), bySystem());
    }

    /** Published, not sent: a reminder changes no state; the notifications check the appointment is still accepted. */
    @DeadlineHandler(deadlineName = REMINDER)
    void remind(ReminderDue due, EventBus events) {
        reminderDeadlines.remove(due.before().toString());
        events.publish(GenericEventMessage.asEventMessage(new AppointmentReminderDueEvent(due.appointmentId(),
                due.doctorId(), due.patientId(), due.before())).andMetaData(bySystem()));
    }

    @DeadlineHandler(deadlineName = APPOINTMENT_END)
    void complete(AppointmentEndDue due, CommandGateway commands) {
        commands.sendAndWait(new CompleteAppointmentCommand(due.appointmentId()), bySystem());
    }

    private void scheduleEndAndReminders(AppointmentId appointmentId, DoctorId doctorId, PatientId patientId,
                                         Instant now, DeadlineManager deadlines, LifecycleProperties lifecycle) {
        endDeadline = deadlines.schedule(end, APPOINTMENT_END, new AppointmentEndDue(appointmentId));
        for (Duration before : lifecycle.reminders()) {
            Instant remindAt = start.minus(before);
            if (remindAt.isAfter(now)) {
                reminderDeadlines.put(before.toString(), deadlines.schedule(remindAt, REMINDER,
                        new ReminderDue(appointmentId, doctorId, patientId, before)));
            }
        }
    }

    /** By id rather than cancelAllWithinScope, which db-scheduler can only answer by reading every scheduled deadline. */
    private void cancelExpiry(DeadlineManager deadlines) {
        if (expiryDeadline != null) {
            deadlines.cancelSchedule(REQUEST_EXPIRY, expiryDeadline);
            expiryDeadline = null;
        }
    }

    private void cancelAll(DeadlineManager deadlines) {
        cancelExpiry(deadlines);
        reminderDeadlines.values().forEach(id -> deadlines.cancelSchedule(REMINDER, id));
        reminderDeadlines.clear();
        if (endDeadline != null) {
            deadlines.cancelSchedule(APPOINTMENT_END, endDeadline);
            endDeadline = null;
        }
    }

    /** Not the metadata of the event that scheduled the deadline: the patient or doctor did not do this, time did. */
    static MetaData bySystem() {
        return MetaData.with(AuditMetadata.USER_ID, AuditMetadata.SYSTEM_USER)
                .and(AuditMetadata.ROLE, AuditMetadata.SYSTEM_ROLE)
                .and(AuditMetadata.CORRELATION_ID, UUID.randomUUID().toString());
    }
}
