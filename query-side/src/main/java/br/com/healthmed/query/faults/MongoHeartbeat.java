package br.com.healthmed.query.faults;

import com.mongodb.event.ServerHeartbeatFailedEvent;
import com.mongodb.event.ServerHeartbeatSucceededEvent;
import com.mongodb.event.ServerMonitorListener;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the MongoDB driver's own monitor last learnt about the server: it sends a heartbeat on a connection of its own
 * every few seconds (every 0.5 s once one failed), with the connect timeout as its deadline. A MongoDB that is hung
 * (connections open, nothing answered) fails its heartbeats within seconds, while a query already sent would wait for
 * its whole read timeout; after {@code failuresBeforeUnreachable} failures in a row, requests are refused at once
 * instead ({@link HeartbeatGuardedDatabaseFactory}). One failure alone is not enough: on a machine whose CPU is
 * overcommitted a heartbeat can miss its deadline while the server is fine, and the driver already retries it 0.5 s
 * later.
 */
public class MongoHeartbeat implements ServerMonitorListener {

    private final int failuresBeforeUnreachable;
    private final AtomicInteger failuresInARow = new AtomicInteger();

    public MongoHeartbeat(int failuresBeforeUnreachable) {
        if (failuresBeforeUnreachable < 1) {
            throw new IllegalArgumentException("failuresBeforeUnreachable must be at least 1");
        }
        this.failuresBeforeUnreachable = failuresBeforeUnreachable;
    }

    @Override
    public void serverHeartbeatSucceeded(ServerHeartbeatSucceededEvent event) {
        failuresInARow.set(0);
    }

    @Override
    public void serverHeartbeatFailed(ServerHeartbeatFailedEvent event) {
        failuresInARow.incrementAndGet();
    }

    public boolean unreachable() {
        return failuresInARow.get() >= failuresBeforeUnreachable;
    }
}
