package br.com.healthmed.query.faults;

import com.mongodb.connection.ServerType;
import com.mongodb.event.ServerDescriptionChangedEvent;
import com.mongodb.event.ServerListener;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether MongoDB has been out of the driver's reach for longer than {@code refuseAfter}, as the driver's own monitor
 * sees it: the monitor checks the server on a connection of its own every few seconds, marks it UNKNOWN when a check
 * fails and back when one succeeds. While it is UNKNOWN each query waits for the server-selection timeout, and a query
 * already sent on a hung server waits for its read timeout; once the server has been gone for a whole
 * {@code refuseAfter}, requests are refused at once instead ({@link ReachabilityGuardedDatabaseFactory}). Not from the
 * first failed check: on a machine whose CPU is overcommitted one check can miss its deadline while the server is
 * fine, and the driver checks again within 0.5 s.
 */
public class MongoReachability implements ServerListener {

    private final Duration refuseAfter;
    private final Clock clock;
    private final AtomicReference<Instant> unknownSince = new AtomicReference<>();

    public MongoReachability(Duration refuseAfter, Clock clock) {
        this.refuseAfter = refuseAfter;
        this.clock = clock;
    }

    @Override
    public void serverDescriptionChanged(ServerDescriptionChangedEvent event) {
        if (event.getNewDescription().getType() == ServerType.UNKNOWN) {
            unknownSince.compareAndSet(null, clock.instant());
        } else {
            unknownSince.set(null);
        }
    }

    public boolean unreachable() {
        Instant since = unknownSince.get();
        return since != null && !clock.instant().isBefore(since.plus(refuseAfter));
    }
}
