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

    public List<TrackingToken> tokens(String processorName) {
        return jdbc.sql("SELECT " + schema.tokenColumn() + ", " + schema.tokenTypeColumn() + " FROM " + schema.tokenTable()
                        + " WHERE " + schema.processorNameColumn() + " = ?")
                .param(processorName)
                .query((rs, row) -> {
                    byte[] bytes = rs.getBytes(1);
                    String type = rs.getString(2);
                    return bytes == null || type == null ? null
                            : serializer.<byte[], TrackingToken>deserialize(new SimpleSerializedObject<>(bytes, byte[].class, type, null));
                })
                .list();
    }

    private boolean processorCaughtUpTo(String processorName, long position) {
        List<TrackingToken> tokens = tokens(processorName);
        return !tokens.isEmpty() && tokens.stream().allMatch(token -> reached(token, position));
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
