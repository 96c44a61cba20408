package br.com.healthmed.query.consistency;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * {@code /actuator/processors}: what an operator needs when there is no Axon Server dashboard — each projection's
 * position, how far it lags behind the head of the event stream, its segments and any error.
 */
@Component
@Endpoint(id = "processors")
class ProcessorsEndpoint {

    private final EventProcessingConfiguration processing;
    private final ProjectionPositions positions;
    private final EventStore eventStore;

    ProcessorsEndpoint(EventProcessingConfiguration processing, ProjectionPositions positions, EventStore eventStore) {
        this.processing = processing;
        this.positions = positions;
        this.eventStore = eventStore;
    }

    record SegmentStatus(int segment, Long position, boolean caughtUp, boolean replaying, String error) {
    }

    record ProcessorStatus(String name, boolean running, boolean error, boolean replaying, Long position, Long lag,
                           int storedSegments, List<SegmentStatus> segmentsHere) {
    }

    record Report(Long head, List<ProcessorStatus> processors) {
    }

    @ReadOperation
    Report processors() {
        TrackingToken headToken = eventStore.createHeadToken();
        Long head = headToken == null ? null : boxed(headToken.position());
        List<ProcessorStatus> statuses = positions.processorNames().stream().map(name -> {
            StreamingEventProcessor processor = processing.eventProcessor(name, StreamingEventProcessor.class).orElseThrow();
            Map<Integer, TrackingToken> stored = positions.tokens(name);
            Long position = lowest(stored.values());
            Map<Integer, EventTrackerStatus> here = processor.processingStatus();
            List<SegmentStatus> segments = here.entrySet().stream().map(entry -> new SegmentStatus(entry.getKey(),
                    boxed(entry.getValue().getCurrentPosition()), entry.getValue().isCaughtUp(), entry.getValue().isReplaying(),
                    entry.getValue().isErrorState() ? String.valueOf(entry.getValue().getError()) : null)).toList();
            return new ProcessorStatus(name, processor.isRunning(), processor.isError(), processor.isReplaying(), position,
                    head == null || position == null ? null : Math.max(0, head - position), stored.size(), segments);
        }).toList();
        return new Report(head, statuses);
    }

    /** The processor's position is its slowest segment's; unknown while any segment has no position yet. */
    private static Long lowest(java.util.Collection<TrackingToken> tokens) {
        Long lowest = null;
        for (TrackingToken token : tokens) {
            Long position = token == null ? null : boxed(token.position());
            if (position == null) {
                return null;
            }
            lowest = lowest == null ? position : Math.min(lowest, position);
        }
        return lowest;
    }

    private static Long boxed(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }
}
