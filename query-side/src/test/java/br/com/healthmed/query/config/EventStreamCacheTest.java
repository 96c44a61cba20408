package br.com.healthmed.query.config;

import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event store's cache of recent events, which the projections following the head share, keeps at most the
 * configured number of events however many pass through it: the soak's query-side heap climbed while Axon's default
 * cache of 10,000 events filled (docs/performance.md, issue 8).
 */
class EventStreamCacheTest {

    @Test
    void the_shared_cache_keeps_at_most_the_configured_number_of_recent_events() throws Exception {
        EmbeddedEventStore store = AxonConfig.boundedEventStore(new InMemoryEventStorageEngine(),
                new EventStreamCacheProperties(20)).build();
        try (BlockingStream<TrackedEventMessage<?>> tail = store.openStream(null)) {
            List<Object> seen = new ArrayList<>();
            for (int batch = 0; batch < 10; batch++) {
                List<EventMessage<?>> events = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    events.add(GenericEventMessage.asEventMessage("event " + (batch * 50 + i)));
                }
                store.publish(events);
                while (seen.size() < (batch + 1) * 50 && tail.hasNextAvailable(5, TimeUnit.SECONDS)) {
                    seen.add(tail.nextAvailable().getPayload());
                }
            }

            assertThat(seen).as("the stream delivered every event").hasSize(500).startsWith("event 0").endsWith("event 499");
            assertThat(cachedEvents(store)).as("events held by the shared cache").isBetween(1, 20);
        } finally {
            store.shutDown();
        }
    }

    /** Walks the cache's linked list from its oldest node: Axon keeps no count of it. */
    private static int cachedEvents(EmbeddedEventStore store) throws ReflectiveOperationException {
        Field oldest = EmbeddedEventStore.class.getDeclaredField("oldest");
        oldest.setAccessible(true);
        int count = 0;
        for (Object node = oldest.get(store); node != null; node = next(node)) {
            count++;
        }
        return count;
    }

    private static Object next(Object node) throws ReflectiveOperationException {
        Field next = node.getClass().getDeclaredField("next");
        next.setAccessible(true);
        return next.get(node);
    }
}
