package br.com.healthmed.query.support;

import br.com.healthmed.api.common.AuditMetadata;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Appends events to the shared event store as the command side's aggregates would: per aggregate, in sequence. */
public final class EventLog {

    private final EventStore store;
    private final Map<String, Long> sequences = new ConcurrentHashMap<>();

    public EventLog(EventStore store) {
        this.store = store;
    }

    /** {@code aggregateType} is the command side's aggregate class name (Doctor, Patient, Appointment). */
    public void append(String aggregateType, Object aggregateId, Object... payloads) {
        for (Object payload : payloads) {
            String id = aggregateId.toString();
            long sequence = sequences.merge(id, 0L, (current, ignored) -> current + 1);
            store.publish(new GenericDomainEventMessage<>(aggregateType, id, sequence, payload, Map.of(
                    AuditMetadata.USER_ID, AuditMetadata.SYSTEM_USER,
                    AuditMetadata.ROLE, "ADMIN",
                    AuditMetadata.CORRELATION_ID, UUID.randomUUID().toString())));
        }
    }
}
