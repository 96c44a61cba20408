package br.com.healthmed.command.notification;

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
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.doctor.DoctorProfileUpdatedEvent;
import br.com.healthmed.api.doctor.DoctorRegisteredEvent;
import br.com.healthmed.api.patient.PatientDataErasedEvent;
import br.com.healthmed.api.patient.PatientId;
import br.com.healthmed.api.patient.PatientRegisteredEvent;
import br.com.healthmed.api.patient.PatientRegistrationExpiredEvent;
import br.com.healthmed.api.staff.StaffMemberRegisteredEvent;
import br.com.healthmed.command.notification.Contacts.Contact;
import br.com.healthmed.command.privacy.PersonalDataVault;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Mails the parties of an appointment when something happens to it, and reminds the patient before it (ADR 0013). A tracking processor of its own, so a
 * slow or failing SMTP server never holds up a command or a projection; each mail is sent at most once per event and
 * kind ({@link SentNotifications}); a mail that cannot be delivered after the retries goes to the dead-letter queue.
 */
@ProcessingGroup(AppointmentNotifications.GROUP)
class AppointmentNotifications {

    static final String GROUP = "notifications";
    private static final Logger log = LoggerFactory.getLogger(AppointmentNotifications.class);
    private static final Contact ERASED_PATIENT = new Contact("Paciente (dados removidos)", "", null);
    /** Clocks of replicas may differ by this much; a reminder earlier than that for the current start is stale. */
    private static final Duration CLOCK_SLACK = Duration.ofMinutes(1);

    private final Contacts contacts;
    private final SentNotifications sent;
    private final Mailer mailer;
    private final MailTemplates templates;
    private final PersonalDataVault vault;
    private final EventStore events;
    private final Clock clock;
    private final NotificationProperties properties;

    AppointmentNotifications(Contacts contacts, SentNotifications sent, Mailer mailer, MailTemplates templates,
                             PersonalDataVault vault, EventStore events, Clock clock, NotificationProperties properties) {
        this.contacts = contacts;
        this.sent = sent;
        this.mailer = mailer;
        this.templates = templates;
        this.vault = vault;
        this.events = events;
        this.clock = clock;
        this.properties = properties;
    }

    @EventHandler
    void on(DoctorRegisteredEvent event) {
        contacts.remember(event.doctorId().value(), event.name(), event.email(), event.timeZone());
    }

    @EventHandler
    void on(DoctorProfileUpdatedEvent event) {
        contacts.remember(event.doctorId().value(), event.name(), event.email(), event.timeZone());
    }

    @EventHandler
    void on(PatientRegisteredEvent event) {
        contacts.remember(event.patientId().value(), event.name(), event.email(), null);
    }

    /** Staff get no appointment mail; their address is kept for the password reset mail (ADR 0029). */
    @EventHandler
    void on(StaffMemberRegisteredEvent event) {
        contacts.remember(event.staffId().value(), event.name(), event.email(), null);
    }

    @EventHandler
    void on(PatientDataErasedEvent event) {
        contacts.forget(event.patientId().value());
    }

    @EventHandler
    void on(PatientRegistrationExpiredEvent event) {
        contacts.forget(event.patientId().value());
    }

    @EventHandler
    void on(AppointmentRequestedEvent event, EventMessage<?> message) {
        deliver(message, "doctor-new-request", () -> doctor(event.doctorId()).map(doctor ->
                templates.newRequest(doctor, patientNamed(event.patientId()), event.appointmentId().value(), event.start())));
    }

    @EventHandler
    void on(AppointmentAcceptedEvent event, EventMessage<?> message) {
        deliver(message, "patient-accepted", () -> asOf(event.appointmentId(), message).flatMap(request ->
                patient(event.patientId()).flatMap(patient -> doctor(event.doctorId()).map(doctor ->
                        templates.accepted(patient, doctor, event.appointmentId().value(), request.start(), request.end(),
                                message.getTimestamp(), sequenceOf(message))))));
    }

    @EventHandler
    void on(AppointmentRejectedEvent event, EventMessage<?> message) {
        deliver(message, "patient-rejected", () -> asOf(event.appointmentId(), message).flatMap(request ->
                patient(event.patientId()).flatMap(patient -> doctor(event.doctorId()).flatMap(doctor ->
                        vault.open(event.reason()).map(reason ->
                                templates.rejected(patient, doctor, request.start(), reason))))));
    }

    /**
     * By the patient (or for them, when their account was erased: then the doctor learns only the freed time), by the
     * doctor, or by an ADMIN deactivating the doctor (ADR 0020: the patient gets the administrator's reason).
     */
    @EventHandler
    void on(AppointmentCancelledEvent event, EventMessage<?> message) {
        if (event.cancelledBy() == Role.PATIENT) {
            deliver(message, "doctor-cancelled-by-patient", () -> asOf(event.appointmentId(), message).flatMap(request ->
                    doctor(event.doctorId()).map(doctor -> patient(event.patientId())
                            .map(patient -> templates.cancelledByPatient(doctor, patient, request.start()))
                            .orElseGet(() -> templates.cancelledByErasure(doctor, request.start())))));
        } else if (event.cancelledBy() == Role.ADMIN) {
            deliver(message, "patient-cancelled-by-deactivation", () -> asOf(event.appointmentId(), message).flatMap(request ->
                    patient(event.patientId()).flatMap(patient -> doctor(event.doctorId()).flatMap(doctor ->
                            vault.open(event.justification()).map(reason ->
                                    templates.cancelledByDeactivation(patient, doctor, request.start(), reason))))));
        } else {
            deliver(message, "patient-cancelled-by-doctor", () -> asOf(event.appointmentId(), message).flatMap(request ->
                    patient(event.patientId()).flatMap(patient -> doctor(event.doctorId()).flatMap(doctor ->
                            vault.open(event.justification()).map(justification ->
                                    templates.cancelledByDoctor(patient, doctor, request.start(), justification))))));
        }
    }

    @EventHandler
    void on(AppointmentExpiredEvent event, EventMessage<?> message) {
        deliver(message, "doctor-expired", () -> asOf(event.appointmentId(), message).flatMap(request ->
                doctor(event.doctorId()).map(doctor ->
                        templates.expiredForDoctor(doctor, patientNamed(event.patientId()), request.start()))));
        deliver(message, "patient-expired", () -> asOf(event.appointmentId(), message).flatMap(request ->
                patient(event.patientId()).flatMap(patient -> doctor(event.doctorId()).map(doctor ->
                        templates.expiredForPatient(patient, doctor, request.start())))));
    }

    /**
     * The other party hears of the move: the doctor when the patient moved it (a request to answer again), the patient
     * when the doctor did (still confirmed, with the updated invitation: same UID, higher SEQUENCE).
     */
    @EventHandler
    void on(AppointmentRescheduledEvent event, EventMessage<?> message) {
        if (event.rescheduledBy() == Role.PATIENT) {
            deliver(message, "doctor-rescheduled-by-patient", () -> doctor(event.doctorId()).map(doctor ->
                    templates.rescheduledByPatient(doctor, patientNamed(event.patientId()), event.appointmentId().value(),
                            event.previousStart(), event.start())));
        } else {
            deliver(message, "patient-rescheduled-by-doctor", () -> patient(event.patientId()).flatMap(patient ->
                    doctor(event.doctorId()).map(doctor -> templates.rescheduledByDoctor(patient, doctor,
                            event.appointmentId().value(), event.previousStart(), event.start(), event.end(),
                            message.getTimestamp(), sequenceOf(message)))));
        }
    }

    /**
     * Only while the appointment is still accepted: a reminder racing a cancellation reminds nobody; nor does one
     * falling due earlier than the current start calls for (set for a time the appointment was moved from).
     */
    @EventHandler
    void on(AppointmentReminderDueEvent event, EventMessage<?> message) {
        deliver(message, "patient-reminder", () -> stillAccepted(event.appointmentId())
                .filter(request -> !message.getTimestamp().isBefore(request.start().minus(event.before()).minus(CLOCK_SLACK)))
                .flatMap(request ->
                patient(event.patientId()).flatMap(patient -> doctor(event.doctorId()).map(doctor ->
                        templates.reminder(patient, doctor, request.start(), event.before())))));
    }

    /**
     * Sends unless this event's mail of this kind was already delivered, then records it in the event's transaction
     * (with the processor's token). A failure throws: nothing is recorded, and the event goes to the dead-letter queue.
     */
    private void deliver(EventMessage<?> message, String kind, Supplier<Optional<Mail>> mail) {
        if (message.getTimestamp().isBefore(clock.instant().minus(properties.maxAge()))) {
            log.debug("Not mailing {} for event {}: older than {}", kind, message.getIdentifier(), properties.maxAge());
            return;
        }
        if (sent.wasSent(message.getIdentifier(), kind)) {
            return;
        }
        Optional<Mail> built = mail.get();
        if (built.isEmpty()) {
            log.debug("Not mailing {} for event {}: the recipient is unknown or erased", kind, message.getIdentifier());
            return;
        }
        mailer.send(built.get());
        sent.record(message.getIdentifier(), kind, clock.instant());
    }

    private Optional<Contact> doctor(DoctorId doctorId) {
        return contacts.of(doctorId.value());
    }

    private Optional<Contact> patient(PatientId patientId) {
        return contacts.of(patientId.value());
    }

    private Contact patientNamed(PatientId patientId) {
        return contacts.of(patientId.value()).orElse(ERASED_PATIENT);
    }

    private Optional<Booked> stillAccepted(AppointmentId appointmentId) {
        return asOf(appointmentId, Long.MAX_VALUE).filter(booked -> booked.status() == AppointmentStatus.ACCEPTED);
    }

    /** The appointment right after the event being handled, so a mail about an earlier fact shows the time it had then. */
    private Optional<Booked> asOf(AppointmentId appointmentId, EventMessage<?> message) {
        return asOf(appointmentId, sequenceOf(message));
    }

    /** Folded from its (short) history, which opens with the request; later moves change its times. */
    private Optional<Booked> asOf(AppointmentId appointmentId, long lastSequence) {
        Booked booked = null;
        for (DomainEventMessage<?> event : events.readEvents(appointmentId.toString()).asStream()
                .takeWhile(event -> event.getSequenceNumber() <= lastSequence).toList()) {
            booked = next(booked, event.getPayload());
        }
        return Optional.ofNullable(booked);
    }

    private static Booked next(Booked booked, Object payload) {
        return switch (payload) {
            case AppointmentRequestedEvent e -> new Booked(e.start(), e.end(), AppointmentStatus.REQUESTED);
            case AppointmentRescheduledEvent e when booked != null -> new Booked(e.start(), e.end(), e.status());
            case AppointmentAcceptedEvent ignored when booked != null -> booked.now(AppointmentStatus.ACCEPTED);
            case AppointmentRejectedEvent ignored when booked != null -> booked.now(AppointmentStatus.REJECTED);
            case AppointmentCancelledEvent ignored when booked != null -> booked.now(AppointmentStatus.CANCELLED);
            case AppointmentExpiredEvent ignored when booked != null -> booked.now(AppointmentStatus.EXPIRED);
            case AppointmentCompletedEvent ignored when booked != null -> booked.now(AppointmentStatus.COMPLETED);
            case AppointmentNoShowEvent ignored when booked != null -> booked.now(AppointmentStatus.NO_SHOW);
            default -> booked;
        };
    }

    /** The event's place in its appointment's stream; an invitation's SEQUENCE, which grows with every change. */
    private static long sequenceOf(EventMessage<?> message) {
        return message instanceof DomainEventMessage<?> domain ? domain.getSequenceNumber() : Long.MAX_VALUE;
    }

    /** The appointment's time and status at one point of its history. */
    private record Booked(Instant start, Instant end, AppointmentStatus status) {

        Booked now(AppointmentStatus next) {
            return new Booked(start, end, next);
        }
    }
}
