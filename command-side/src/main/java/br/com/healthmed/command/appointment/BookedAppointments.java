package br.com.healthmed.command.appointment;

import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.appointment.AppointmentRequestedEvent;
import br.com.healthmed.api.patient.PatientId;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/**
 * Appointments as a retrying client addresses them: the id of a keyed booking is derived from the patient and the
 * Idempotency-Key, so a retry after a lost or late answer names the appointment its first attempt created (ADR 0009).
 */
@Component
class BookedAppointments {

    private final EventStore events;

    BookedAppointments(EventStore events) {
        this.events = events;
    }

    /**
     * A name-based UUID of the patient and the key: the same pair always gives the same id, and since the patient comes
     * from the access token, no one can aim a key at somebody else's appointment.
     */
    static AppointmentId idFor(PatientId patient, String idempotencyKey) {
        String name = "healthmed:appointment:" + patient.value() + ":" + idempotencyKey;
        return new AppointmentId(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The request that created this appointment, if it has committed; an appointment's history opens with it. Read
     * from the first event on, without the snapshot look-up that loading an aggregate starts with: every keyed booking
     * asks this once, and almost always of an appointment that does not exist yet (one query instead of two).
     */
    Optional<AppointmentRequestedEvent> requested(AppointmentId appointmentId) {
        DomainEventStream stream = events.readEvents(appointmentId.toString(), 0);
        if (stream.hasNext() && stream.next().getPayload() instanceof AppointmentRequestedEvent requested) {
            return Optional.of(requested);
        }
        return Optional.empty();
    }
}
