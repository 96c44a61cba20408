package br.com.healthmed.command.shared;

import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.Objects;
import java.util.Optional;

/**
 * Axon's caching repository that trusts a cached aggregate only while it is as new as its stream in the store.
 * <p>
 * Several command-side replicas share one event store, each with its own cache. A stale cached aggregate cannot commit
 * an event over newer ones (the store refuses the sequence number), but it can take a decision that appends nothing to
 * it: an expiry released a slot that the stale day schedule believed free, so the appointment expired while the slot
 * stayed held for good (AppointmentExpiryIT saw it). Commands are not always routed to the replica that holds the
 * aggregate — a booking also loads the patient and the day, and deadlines fire on any replica — so routing cannot
 * prevent it. A cached aggregate is therefore checked against the store's last sequence number of its stream, one
 * indexed lookup instead of reading the snapshot and the events, and reloaded from the store when they differ.
 */
public final class StoreCheckedCachingRepository<T> extends CachingEventSourcingRepository<T> {

    private final Cache cache;
    private final EventStore eventStore;

    private StoreCheckedCachingRepository(Builder<T> builder) {
        super(builder);
        this.cache = Objects.requireNonNull(builder.cache(), "a caching repository needs its cache");
        this.eventStore = builder.eventStore();
    }

    public static <T> Builder<T> builder(Class<T> aggregateType) {
        return new Builder<>(aggregateType);
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        boolean cached = cache.containsKey(aggregateIdentifier);
        EventSourcedAggregate<T> aggregate = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        if (cached && isBehindTheStore(aggregateIdentifier, aggregate.version())) {
            cache.remove(aggregateIdentifier);
            return super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        }
        return aggregate;
    }

    private boolean isBehindTheStore(String aggregateIdentifier, Long cachedVersion) {
        Optional<Long> stored = eventStore.lastSequenceNumberFor(aggregateIdentifier);
        return stored.isPresent() && !stored.get().equals(cachedVersion);
    }

    public static final class Builder<T> extends EventSourcingRepository.Builder<T> {

        private Builder(Class<T> aggregateType) {
            super(aggregateType);
        }

        private Cache cache() {
            return cache;
        }

        private EventStore eventStore() {
            return eventStore;
        }

        @Override
        @SuppressWarnings("unchecked") // Axon's builder returns whichever repository type the caller expects
        public <R extends EventSourcingRepository<T>> R build() {
            return (R) new StoreCheckedCachingRepository<>(this);
        }
    }
}
