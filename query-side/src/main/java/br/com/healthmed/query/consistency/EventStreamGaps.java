package br.com.healthmed.query.consistency;

import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Tells, for the global indexes a tracking token still holds as gaps, whether any of them can still become an event
 * (ADR 0028). A gap is an index taken from the event table's sequence by a transaction that had not committed when a
 * later index was read: an append still in flight, or one that failed and rolled back and will never be filled.
 * Axon's JDBC store keeps both kinds in every token until its gap cleaning drops them (more than 250 gaps, or events
 * older than its 60 s gap timeout), so a read that waited for every gap to be filled waited for as long.
 * <p>
 * A gap can still be filled only by the transaction that took its index, and that transaction holds a write lock on
 * the event table from before it took the index until it ends (PostgreSQL takes the relation's RowExclusiveLock when
 * the INSERT starts, before the sequence's default is evaluated). So a gap that is not in the table once every
 * transaction that was writing to the table when the wait began has ended is a failed append; new transactions take
 * higher indexes.
 */
@Component
class EventStreamGaps {

    private final JdbcClient jdbc;
    private final EventSchema schema;
    private final Clock clock;
    private final Duration window;

    EventStreamGaps(JdbcClient jdbc, EventSchema schema, Clock clock,
                    @Value("${healthmed.consistency.gap-window:PT1M}") Duration window) {
        this.jdbc = jdbc;
        this.schema = schema;
        this.clock = clock;
        this.window = window;
    }

    /** The transactions writing to the event table right now (backend and virtual transaction id: unique while they run). */
    Set<String> writers() {
        return new HashSet<>(jdbc.sql("SELECT DISTINCT pid || ':' || virtualtransaction FROM pg_locks"
                        + " WHERE locktype = 'relation' AND relation = to_regclass(?) AND mode = 'RowExclusiveLock'"
                        + " AND granted AND pid IS DISTINCT FROM pg_backend_pid()")
                .param(schema.domainEventTable())
                .query(String.class)
                .list());
    }

    /** The gaps that are committed events: a processor will handle them at its next fetch. */
    SortedSet<Long> committed(Collection<Long> gaps) {
        return new TreeSet<>(jdbc.sql("SELECT " + schema.globalIndexColumn() + " FROM " + schema.domainEventTable()
                        + " WHERE " + schema.globalIndexColumn() + " = ANY (?::bigint[])")
                .param(arrayLiteral(gaps))
                .query(Long.class)
                .list());
    }

    /**
     * Axon's own rule for a gap that will not be filled any more: the first event stored after it is older than the gap
     * window. (Timestamps are the events' creation times, so this is a heuristic; it only matters when a writer runs
     * longer than the window.)
     */
    boolean allOlderThanWindow(SortedSet<Long> gaps) {
        Instant frame = clock.instant().minus(window);
        return jdbc.sql("SELECT (SELECT e." + schema.timestampColumn() + " FROM " + schema.domainEventTable() + " e"
                        + " WHERE e." + schema.globalIndexColumn() + " > g ORDER BY e." + schema.globalIndexColumn()
                        + " LIMIT 1) FROM unnest(?::bigint[]) AS g")
                .param(arrayLiteral(gaps))
                .query(String.class)
                .list().stream()
                .allMatch(next -> next != null && before(next, frame));
    }

    private static boolean before(String timestamp, Instant frame) {
        try {
            return Instant.parse(timestamp).isBefore(frame);
        } catch (DateTimeParseException unreadable) {
            return false;
        }
    }

    private static String arrayLiteral(Collection<Long> indexes) {
        return indexes.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }
}
