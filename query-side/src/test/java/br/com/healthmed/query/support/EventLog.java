package br.com.healthmed.query.support;

import br.com.healthmed.api.common.AuditMetadata;
import br.com.healthmed.api.common.Role;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Appends events to the shared event store as the command side would: per aggregate, in sequence, with who did it. */
public final class EventLog {

    private final EventStore eventStore;
    private final Map<String, Long> sequences = new HashMap<>();

    public EventLog(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    public synchronized void append(String aggregateType, UUID aggregateId, Instant at, UUID userId, Role role, Object event) {
        long sequence = sequences.merge(aggregateId.toString(), 0L, (previous, ignored) -> previous + 1);
        Map<String, Object> metaData = Map.of(AuditMetadata.USER_ID, userId.toString(), AuditMetadata.ROLE, role.name(),
                AuditMetadata.CORRELATION_ID, "test-" + UUID.randomUUID());
        eventStore.publish(new GenericDomainEventMessage<>(aggregateType, aggregateId.toString(), sequence, event,
                metaData, UUID.randomUUID().toString(), at));
    }
}
