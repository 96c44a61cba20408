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
import java.util.TreeMap;

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

    ProjectionPositions(EventProcessingConfiguration processing, JdbcClient jdbc, TokenSchema schema,
                        @Qualifier("serializer") Serializer serializer) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.schema = schema;
        this.serializer = serializer;
    }

    /** The processors whose views answer queries: every streaming processor of this application. */
    public List<String> processorNames() {
        return processing.eventProcessors().entrySet().stream()
                .filter(entry -> entry.getValue() instanceof StreamingEventProcessor)
                .map(java.util.Map.Entry::getKey)
                .sorted()
                .toList();
    }

    /** Whether every segment of every processor has handled all events up to {@code position}, gaps included. */
    public boolean caughtUpTo(long position) {
        return processorNames().stream().allMatch(name -> processorCaughtUpTo(name, position));
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

    private boolean processorCaughtUpTo(String processorName, long position) {
        Map<Integer, TrackingToken> tokens = tokens(processorName);
        return !tokens.isEmpty() && tokens.values().stream().allMatch(token -> reached(token, position));
    }

    static boolean reached(TrackingToken token, long position) {
        TrackingToken current = token instanceof ReplayToken replay ? replay.getCurrentToken() : token;
        if (current == null) {
            return false;
        }
        if (current instanceof GapAwareTrackingToken gapAware) {
            // A gap below the position may be an event still in flight: not caught up until it is filled.
            return gapAware.covers(GapAwareTrackingToken.newInstance(position, List.of()));
        }
        return current.position().orElse(-1) >= position;
    }
}
