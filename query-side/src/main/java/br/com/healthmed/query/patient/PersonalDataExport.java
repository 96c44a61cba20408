package br.com.healthmed.query.patient;

import br.com.healthmed.api.common.Money;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.appointment.AppointmentStatus;
import br.com.healthmed.api.patient.PatientDataErasedEvent;
import br.com.healthmed.api.patient.PatientRegisteredEvent;
import br.com.healthmed.api.patient.PatientRegistrationExpiredEvent;
import br.com.healthmed.api.privacy.Sealed;
import br.com.healthmed.query.accountability.PersonalDataReads;
import br.com.healthmed.query.appointment.AppointmentDocument;
import br.com.healthmed.query.appointment.Appointments;
import br.com.healthmed.query.doctor.DoctorDocument;
import br.com.healthmed.query.doctor.Doctors;
import br.com.healthmed.query.privacy.PersonalDataReader;
import br.com.healthmed.query.web.NotFoundException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything personal the system holds about one patient (LGPD art. 18, II and V), gathered at request time: the
 * registration from their own event stream opened with their key, their appointments from the appointments view with
 * the sealed texts opened, the list of stored events about them (their own stream and each of their appointments'),
 * and who else read their data (the read accountability log). Erased patients get nothing: their key is gone, so
 * nothing of theirs can be opened, and the answer says so rather than returning an export of placeholders.
 */
@Component
class PersonalDataExport {

    /** The aggregate type the command side stores patients under. */
    static final String PATIENT_AGGREGATE = "Patient";
    static final String APPOINTMENT_AGGREGATE = "Appointment";
    /** Bounds the accountability part of an export; the full log stays with the ADMIN listing. */
    static final int MAX_READS = 1000;

    private final EventStore eventStore;
    private final PersonalDataReader personalData;
    private final Appointments appointments;
    private final Doctors doctors;
    private final PersonalDataReads reads;
    private final Clock clock;

    PersonalDataExport(EventStore eventStore, PersonalDataReader personalData, Appointments appointments,
                       Doctors doctors, PersonalDataReads reads, Clock clock) {
        this.eventStore = eventStore;
        this.personalData = personalData;
        this.appointments = appointments;
        this.doctors = doctors;
        this.reads = reads;
        this.clock = clock;
    }

    record Registration(String name, String email, String cpf, String phone, String birthDate, Instant registeredAt) {
    }

    record DoctorRef(String id, String name, String specialty) {
    }

    record AppointmentEntry(String appointmentId, AppointmentStatus status, Instant start, Instant end, DoctorRef doctor,
                            Money price, String rejectReason, String cancelJustification, Role cancelledBy,
                            String noShowReason, Instant requestedAt, Instant acceptedAt, Instant rejectedAt,
                            Instant cancelledAt, Instant expiredAt, Instant completedAt, Instant noShowAt) {
    }

    record StoredEvent(String aggregateType, String aggregateId, long sequence, String type, Instant timestamp) {
    }

    record Export(UUID patientId, Instant exportedAt, Registration registration, List<AppointmentEntry> appointments,
                  List<StoredEvent> events, List<PersonalDataReads.Read> readsByOthers) {
    }

    Export of(UUID patientId) {
        List<DomainEventMessage<?>> own = stream(patientId.toString());
        if (own.isEmpty() || !own.stream().allMatch(message -> PATIENT_AGGREGATE.equals(message.getType()))) {
            throw new NotFoundException("no registration of yours is stored");
        }
        Registration registration = registration(own);
        List<AppointmentDocument> found = appointments.allOfPatient(patientId.toString());
        List<StoredEvent> events = new ArrayList<>();
        own.forEach(message -> events.add(stored(message)));
        for (AppointmentDocument appointment : found) {
            stream(appointment.id()).stream()
                    .filter(message -> APPOINTMENT_AGGREGATE.equals(message.getType()))
                    .forEach(message -> events.add(stored(message)));
        }
        List<PersonalDataReads.Read> readsByOthers = reads.find(patientId, null, null, 0, MAX_READS).reads();
        return new Export(patientId, clock.instant(), registration, appointmentEntries(found), events, readsByOthers);
    }

    private Registration registration(List<DomainEventMessage<?>> own) {
        PatientRegisteredEvent registered = null;
        Instant registeredAt = null;
        for (DomainEventMessage<?> message : own) {
            switch (message.getPayload()) {
                case PatientDataErasedEvent ignored -> throw new PersonalDataErasedException();
                case PatientRegistrationExpiredEvent ignored -> throw new PersonalDataErasedException();
                case PatientRegisteredEvent event -> {
                    registered = event;
                    registeredAt = message.getTimestamp();
                }
                default -> {
                }
            }
        }
        if (registered == null) {
            throw new NotFoundException("no registration of yours is stored");
        }
        // The name is always set: if it cannot be opened, the key is shredded (erasure not yet in the stream).
        String name = personalData.open(registered.name()).orElseThrow(PersonalDataErasedException::new);
        return new Registration(name, open(registered.email()), open(registered.cpf()), open(registered.phone()),
                open(registered.birthDate()), registeredAt);
    }

    private List<AppointmentEntry> appointmentEntries(List<AppointmentDocument> found) {
        Map<String, DoctorDocument> doctorsById = doctors.findAll(found.stream().map(AppointmentDocument::doctorId).toList());
        List<String> sealed = new ArrayList<>();
        found.forEach(a -> {
            sealed.add(a.rejectReason());
            sealed.add(a.cancelJustification());
            sealed.add(a.noShowReason());
        });
        Map<String, String> opened = personalData.openAll(sealed);
        return found.stream().map(a -> {
            DoctorDocument doctor = doctorsById.get(a.doctorId());
            return new AppointmentEntry(a.id(), a.status(), a.start(), a.end(),
                    new DoctorRef(a.doctorId(),
                            doctor == null || doctor.name() == null ? PersonalDataReader.ERASED : doctor.name(),
                            doctor == null ? null : doctor.specialty()),
                    Money.brl(BigDecimal.valueOf(a.priceCents(), 2)),
                    opened(a.rejectReason(), opened), opened(a.cancelJustification(), opened), a.cancelledBy(),
                    opened(a.noShowReason(), opened), a.requestedAt(), a.acceptedAt(), a.rejectedAt(), a.cancelledAt(),
                    a.expiredAt(), a.completedAt(), a.noShowAt());
        }).toList();
    }

    private List<DomainEventMessage<?>> stream(String aggregateId) {
        List<DomainEventMessage<?>> messages = new ArrayList<>();
        eventStore.readEvents(aggregateId).asStream().forEach(messages::add);
        return messages;
    }

    private String open(Sealed sealed) {
        return sealed == null ? null : personalData.open(sealed).orElse(PersonalDataReader.ERASED);
    }

    private static String opened(String sealed, Map<String, String> opened) {
        return sealed == null ? null : opened.getOrDefault(sealed, PersonalDataReader.ERASED);
    }

    private static StoredEvent stored(DomainEventMessage<?> message) {
        return new StoredEvent(message.getType(), message.getAggregateIdentifier(), message.getSequenceNumber(),
                message.getPayloadType().getSimpleName(), message.getTimestamp());
    }
}
