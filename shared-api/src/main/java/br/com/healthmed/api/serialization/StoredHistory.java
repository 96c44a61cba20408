package br.com.healthmed.api.serialization;

import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;

/**
 * Every upcaster of the shared events, in the order they must run. Both applications register this one chain, so the
 * command side's aggregates and the query side's projections read old rows in today's shape alike.
 */
public final class StoredHistory {

    private StoredHistory() {
    }

    public static EventUpcaster upcasters(StoredTypes storedTypes) {
        return new EventUpcasterChain(new SlotPublishedEventUpcaster(storedTypes));
    }
}
