package br.com.healthmed.command.notification;

import br.com.healthmed.api.appointment.AppointmentAcceptedEvent;
import br.com.healthmed.api.appointment.AppointmentCancelledEvent;
import br.com.healthmed.api.appointment.AppointmentExpiredEvent;
import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.appointment.AppointmentRejectedEvent;
import br.com.healthmed.api.appointment.AppointmentReminderDueEvent;
import br.com.healthmed.api.appointment.AppointmentRequestedEvent;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.doctor.DoctorProfileUpdatedEvent;
import br.com.healthmed.api.doctor.DoctorRegisteredEvent;
import br.com.healthmed.api.patient.PatientDataErasedEvent;
import br.com.healthmed.api.patient.PatientId;
import br.com.healthmed.api.patient.PatientRegisteredEvent;
import br.com.healthmed.command.notification.Contacts.Contact;
import br.com.healthmed.command.privacy.PersonalDataVault;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
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

    @EventHandler
    void on(PatientDataErasedEvent event) {
        contacts.forget(event.patientId().value());
    }

    @EventHandler
    void on(AppointmentRequestedEvent event, EventMessage<?> message) {
        deliver(message, "doctor-new-request", () -> doctor(event.doctorId()).map(doctor ->
                templates.newRequest(doctor, patientNamed(event.patientId()), event.appointmentId().value(), event.start())));
    }

    @EventHandler
    void on(AppointmentAcceptedEvent event, EventMessage<?> message) {
        deliver(message, "patient-accepted", () -> request(event.appointmentId()).flatMap(request ->
                patient(event.patientId()).flatMap(patient -> doctor(event.doctorId()).map(doctor ->
                        templates.accepted(patient, doctor, event.appointmentId().value(), request.start(), request.end(),
                                message.getTimestamp())))));
    }

    @EventHandler
    void on(AppointmentRejectedEvent event, EventMessage<?> message) {
        deliver(message, "patient-rejected", () -> request(event.appointmentId()).flatMap(request ->
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
            deliver(message, "doctor-cancelled-by-patient", () -> request(event.appointmentId()).flatMap(request ->
                    doctor(event.doctorId()).map(doctor -> patient(event.patientId())
                            .map(patient -> templates.cancelledByPatient(doctor, patient, request.start()))
                            .orElseGet(() -> templates.cancelledByErasure(doctor, request.start())))));
        } else if (event.cancelledBy() == Role.ADMIN) {
            deliver(message, "patient-cancelled-by-deactivation", () -> request(event.appointmentId()).flatMap(request ->
                    patient(event.patientId()).flatMap(patient -> doctor(event.doctorId()).flatMap(doctor ->
                            vault.open(event.justification()).map(reason ->
                                    templates.cancelledByDeactivation(patient, doctor, request.start(), reason))))));
        } else {
            deliver(message, "patient-cancelled-by-doctor", () -> request(event.appointmentId()).flatMap(request ->
                    patient(event.patientId()).flatMap(patient -> doctor(event.doctorId()).flatMap(doctor ->
                            vault.open(event.justification()).map(justification ->
                                    templates.cancelledByDoctor(patient, doctor, request.start(), justification))))));
        }
    }

    @EventHandler
    void on(AppointmentExpiredEvent event, EventMessage<?> message) {
        deliver(message, "doctor-expired", () -> request(event.appointmentId()).flatMap(request ->
                doctor(event.doctorId()).map(doctor ->
                        templates.expiredForDoctor(doctor, patientNamed(event.patientId()), request.start()))));
        deliver(message, "patient-expired", () -> request(event.appointmentId()).flatMap(request ->
                patient(event.patientId()).flatMap(patient -> doctor(event.doctorId()).map(doctor ->
                        templates.expiredForPatient(patient, doctor, request.start())))));
    }

    /** Only while the appointment is still accepted: a reminder racing a cancellation reminds nobody. */
    @EventHandler
    void on(AppointmentReminderDueEvent event, EventMessage<?> message) {
        deliver(message, "patient-reminder", () -> stillAccepted(event.appointmentId()).flatMap(request ->
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

    private Optional<AppointmentRequestedEvent> stillAccepted(AppointmentId appointmentId) {
        List<Object> history = events.readEvents(appointmentId.toString()).asStream()
                .<Object>map(DomainEventMessage::getPayload).toList();
        if (!history.isEmpty() && history.getFirst() instanceof AppointmentRequestedEvent requested
                && history.getLast() instanceof AppointmentAcceptedEvent) {
            return Optional.of(requested);
        }
        return Optional.empty();
    }

    /** The appointment's times, from the request that opens its (short) history. */
    private Optional<AppointmentRequestedEvent> request(AppointmentId appointmentId) {
        DomainEventStream stream = events.readEvents(appointmentId.toString());
        if (stream.hasNext() && stream.next().getPayload() instanceof AppointmentRequestedEvent requested) {
            return Optional.of(requested);
        }
        return Optional.empty();
    }
}
