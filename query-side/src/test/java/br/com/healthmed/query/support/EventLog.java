package br.com.healthmed.query.support;

import br.com.healthmed.api.common.AuditMetadata;
import br.com.healthmed.api.common.Role;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
            appendAs(aggregateType, aggregateId, Instant.now(), AuditMetadata.SYSTEM_USER, Role.ADMIN, payload);
        }
    }

    /** Several events of one aggregate stored in one go, as a command that produces many events stores them. */
    public void appendTogether(String aggregateType, Object aggregateId, List<?> payloads) {
        String id = aggregateId.toString();
        List<EventMessage<?>> messages = new ArrayList<>();
        for (Object payload : payloads) {
            long sequence = sequences.merge(id, 0L, (current, ignored) -> current + 1);
            messages.add(new GenericDomainEventMessage<>(aggregateType, id, sequence, payload,
                    Map.of(AuditMetadata.USER_ID, AuditMetadata.SYSTEM_USER, AuditMetadata.ROLE, Role.ADMIN.name(),
                            AuditMetadata.CORRELATION_ID, "test-" + UUID.randomUUID()),
                    UUID.randomUUID().toString(), Instant.now()));
        }
        store.publish(messages);
    }

    /** One event at a given time, done by a given user: what the audit history must show back. */
    public void appendAs(String aggregateType, Object aggregateId, Instant at, Object userId, Role role, Object payload) {
        appendAs(aggregateType, aggregateId, at, userId, role.name(), payload);
    }

    /** As above, with the role as recorded, e.g. {@link AuditMetadata#SYSTEM_ROLE} for what a deadline did. */
    public void appendAs(String aggregateType, Object aggregateId, Instant at, Object userId, String role, Object payload) {
        String id = aggregateId.toString();
        long sequence = sequences.merge(id, 0L, (current, ignored) -> current + 1);
        Map<String, Object> metaData = Map.of(AuditMetadata.USER_ID, userId.toString(), AuditMetadata.ROLE, role,
                AuditMetadata.CORRELATION_ID, "test-" + UUID.randomUUID());
        store.publish(new GenericDomainEventMessage<>(aggregateType, id, sequence, payload, metaData,
                UUID.randomUUID().toString(), at));
    }
}
