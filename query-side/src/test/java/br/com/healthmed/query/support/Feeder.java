package br.com.healthmed.query.support;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Delivers events to projections the way an event processor does (through Axon's annotation adapter, with the
 * event's timestamp), one by one or as one batch in one unit of work, and resets them the way a processor reset does.
 */
public final class Feeder {

    private final List<AnnotationEventHandlerAdapter> projections = new ArrayList<>();
    private final List<EventMessage<?>> delivered = new ArrayList<>();

    public Feeder(Object... projections) {
        for (Object projection : projections) {
            this.projections.add(new AnnotationEventHandlerAdapter(projection));
        }
    }

    public Feeder feed(Instant at, Object... events) {
        for (Object event : events) {
            deliver(new GenericEventMessage<>(UUID.randomUUID().toString(), event, Map.of(), at));
        }
        return this;
    }

    /**
     * Delivers the events as a pooled streaming processor delivers a batch: each in turn, inside one unit of work that
     * commits after the last; a failure rolls the whole batch back and is thrown.
     */
    public Feeder feedAsOneBatch(Instant at, Object... events) {
        List<EventMessage<?>> batch = new ArrayList<>();
        for (Object event : events) {
            batch.add(new GenericEventMessage<>(UUID.randomUUID().toString(), event, Map.of(), at));
        }
        deliverAsOneBatch(batch);
        return this;
    }

    /** What a processor reset does before replaying: every projection's {@code @ResetHandler}. */
    public void reset() {
        projections.forEach(AnnotationEventHandlerAdapter::prepareReset);
    }

    /** Delivers again everything delivered so far, in order. */
    public void redeliver() {
        List<EventMessage<?>> history = List.copyOf(delivered);
        delivered.clear();
        history.forEach(this::deliver);
    }

    /** Delivers again everything delivered so far, in order, in batches of up to {@code size} as a processor replays. */
    public void redeliverInBatchesOf(int size) {
        List<EventMessage<?>> history = List.copyOf(delivered);
        delivered.clear();
        for (int from = 0; from < history.size(); from += size) {
            deliverAsOneBatch(history.subList(from, Math.min(from + size, history.size())));
        }
    }

    private void deliverAsOneBatch(List<EventMessage<?>> batch) {
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
        ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
            deliver(unitOfWork.getMessage());
            return null;
        });
        if (result.isExceptional()) {
            throw new IllegalStateException("batch failed", result.exceptionResult());
        }
    }

    private void deliver(EventMessage<?> message) {
        delivered.add(message);
        for (AnnotationEventHandlerAdapter projection : projections) {
            if (projection.canHandle(message)) {
                try {
                    projection.handle(message);
                } catch (Exception e) {
                    throw new IllegalStateException("projection failed on " + message.getPayloadType().getSimpleName(), e);
                }
            }
        }
    }
}
