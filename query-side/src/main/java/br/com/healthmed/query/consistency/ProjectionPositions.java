package br.com.healthmed.query.consistency;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where every projection of the query side stands in the event stream, read from the shared token store rather than
 * from this JVM: with several replicas a processor's segments may be running anywhere, and the answer must cover them
 * all. Reading a token this way never claims it.
 */
@Component
public class ProjectionPositions {

    private final EventProcessingConfiguration processing;
    private final JdbcClient jdbc;
    private final TokenSchema schema;
    private final Serializer serializer;
    private final EventStreamGaps gaps;

    ProjectionPositions(EventProcessingConfiguration processing, JdbcClient jdbc, TokenSchema schema,
                        @Qualifier("serializer") Serializer serializer, EventStreamGaps gaps) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.schema = schema;
        this.serializer = serializer;
        this.gaps = gaps;
    }

    /** The processors whose views answer queries: every streaming processor of this application. */
    public List<String> processorNames() {
        return processing.eventProcessors().entrySet().stream()
                .filter(entry -> entry.getValue() instanceof StreamingEventProcessor)
                .map(java.util.Map.Entry::getKey)
                .sorted()
                .toList();
    }

    /**
     * Whether every segment of every processor has handled every event up to {@code position} — one look; a caller
     * that polls uses {@link #waitFor}, which remembers what it learned about the gaps between looks.
     */
    public boolean caughtUpTo(long position) {
        return waitFor(position).reached();
    }

    /** A wait for the projections to reach {@code position}, asked again and again through {@link PositionWait#reached()}. */
    public PositionWait waitFor(long position) {
        return new PositionWait(position);
    }

    /**
     * One reader's wait for a position of the event stream. A segment has reached it when its token is at or past it
     * and every gap the token still holds at or below it is settled: not a committed event, and either left by a
     * transaction that has ended (a failed append) or older than the store's gap window (ADR 0028). A gap that is a
     * committed event, or whose transaction may still commit, keeps the read waiting.
     */
    public final class PositionWait {

        private final long position;
        /** The event table's writers at the first look that met a gap; null until then. */
        private Set<String> writersAtStart;

        private PositionWait(long position) {
            this.position = position;
        }

        public boolean reached() {
            SortedSet<Long> open = new TreeSet<>();
            for (String name : processorNames()) {
                Map<Integer, TrackingToken> segments = tokens(name);
                if (segments.isEmpty()) {
                    return false;
                }
                for (TrackingToken token : segments.values()) {
                    if (!atOrPast(token, position)) {
                        return false;
                    }
                    open.addAll(gapsUpTo(token, position));
                }
            }
            return open.isEmpty() || settled(open);
        }

        /**
         * The queries run in this order on purpose: a writer seen ended here has committed or rolled back before the
         * table is read, so a gap it filled is found in the table, and one it left empty will stay empty.
         */
        private boolean settled(SortedSet<Long> open) {
            boolean writersRunning;
            if (writersAtStart == null) {
                writersAtStart = gaps.writers();
                writersRunning = !writersAtStart.isEmpty();
            } else if (writersAtStart.isEmpty()) {
                writersRunning = false;
            } else {
                Set<String> now = gaps.writers();
                writersAtStart.retainAll(now);
                writersRunning = !writersAtStart.isEmpty();
            }
            if (!gaps.committed(open).isEmpty()) {
                return false;
            }
            return !writersRunning || gaps.allOlderThanWindow(open);
        }
    }

    /**
     * The newest known token of each segment: this replica's live position for the segments it processes (stored
     * tokens trail it by up to a batch), the token store's for the segments processed elsewhere.
     */
    public Map<Integer, TrackingToken> tokens(String processorName) {
        Map<Integer, TrackingToken> tokens = new TreeMap<>();
        jdbc.sql("SELECT " + schema.segmentColumn() + ", " + schema.tokenColumn() + ", " + schema.tokenTypeColumn()
                        + " FROM " + schema.tokenTable() + " WHERE " + schema.processorNameColumn() + " = ?")
                .param(processorName)
                .query(rs -> {
                    byte[] bytes = rs.getBytes(2);
                    String type = rs.getString(3);
                    tokens.put(rs.getInt(1), bytes == null || type == null ? null
                            : serializer.<byte[], TrackingToken>deserialize(new SimpleSerializedObject<>(bytes, byte[].class, type, null)));
                });
        processing.eventProcessor(processorName, StreamingEventProcessor.class).ifPresent(processor ->
                processor.processingStatus().forEach((segment, status) -> {
                    if (status.getTrackingToken() != null && tokens.containsKey(segment)) {
                        tokens.put(segment, status.getTrackingToken());
                    }
                }));
        return tokens;
    }

    /** Whether the token's index is at or past {@code position}, whatever gaps it still holds. */
    static boolean atOrPast(TrackingToken token, long position) {
        TrackingToken current = current(token);
        return current != null && current.position().orElse(-1) >= position;
    }

    /** The indexes at or below {@code position} that the token has not handled yet (only a JDBC store has gaps). */
    static SortedSet<Long> gapsUpTo(TrackingToken token, long position) {
        return current(token) instanceof GapAwareTrackingToken gapAware
                ? gapAware.getGaps().headSet(position + 1)
                : new TreeSet<>();
    }

    private static TrackingToken current(TrackingToken token) {
        return token instanceof ReplayToken replay ? replay.getCurrentToken() : token;
    }
}
