package br.com.healthmed.query.consistency;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The projections' parked events (ADR 0015), per processor: what operators list, retry and evict, and the gauge
 * {@code healthmed.projection.dead.letters} an alert watches (any value above zero means a view is missing events).
 */
@Component
class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final EventProcessingConfiguration processing;
    private final ProjectionPositions positions;
    private final MeterRegistry registry;

    DeadLetters(EventProcessingConfiguration processing, ProjectionPositions positions, MeterRegistry registry) {
        this.processing = processing;
        this.positions = positions;
        this.registry = registry;
    }

    record Letter(String id, String eventType, String eventIdentifier, Instant eventTime, String causeType,
                  String causeMessage, Instant enqueuedAt, Instant lastTouched) {
    }

    /** The letters of one sequence (one aggregate's events), oldest first; the first blocks the others. */
    record Sequence(String sequence, List<Letter> letters) {
    }

    List<Sequence> list(String processor) {
        List<Sequence> sequences = new ArrayList<>();
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue(processor).deadLetters()) {
            List<Letter> letters = new ArrayList<>();
            String sequenceId = null;
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                if (letter instanceof JdbcDeadLetter<?> stored) {
                    sequenceId = stored.getSequenceIdentifier();
                }
                letters.add(letterOf(letter));
            }
            sequences.add(new Sequence(sequenceId, letters));
        }
        return sequences;
    }

    /**
     * Hands each parked sequence back to the projection once, oldest first; a sequence that fails again stays parked.
     * Returns how many sequences were handled to the end.
     */
    int retryAll(String processor) {
        SequencedDeadLetterProcessor<EventMessage<?>> letters = processing.sequencedDeadLetterProcessor(processor)
                .orElseThrow(() -> unknown(processor));
        long sequences = queue(processor).amountOfSequences();
        int handled = 0;
        for (long i = 0; i < sequences; i++) {
            if (letters.processAny()) {
                handled++;
            }
        }
        return handled;
    }

    /** Drops one parked event for good (the operator decided the view does without it); false if there is none. */
    boolean evict(String processor, String letterId) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(processor);
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                if (letter instanceof JdbcDeadLetter<?> stored && stored.getIdentifier().equals(letterId)) {
                    queue.evict(letter);
                    log.warn("Dead letter {} of {} evicted: event {} ({}) will not be projected", letterId, processor,
                            letter.message().getIdentifier(), letter.message().getPayloadType().getSimpleName());
                    return true;
                }
            }
        }
        return false;
    }

    /** Once Axon has built its processors, which it has not yet when meters are usually bound. */
    @EventListener(ApplicationReadyEvent.class)
    void registerGauges() {
        for (String processor : positions.processorNames()) {
            Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue = processing.deadLetterQueue(processor);
            queue.ifPresent(letters -> Gauge.builder("healthmed.projection.dead.letters", letters, DeadLetters::sizeOf)
                    .description("Events parked in the projection's dead-letter queue")
                    .tag("processor", processor)
                    .register(registry));
        }
    }

    private static double sizeOf(SequencedDeadLetterQueue<EventMessage<?>> queue) {
        try {
            return queue.size();
        } catch (RuntimeException unavailable) {
            return Double.NaN;
        }
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String processor) {
        return processing.deadLetterQueue(processor).orElseThrow(() -> unknown(processor));
    }

    private UnknownProcessorException unknown(String processor) {
        return new UnknownProcessorException(processor, positions.processorNames());
    }

    private static Letter letterOf(DeadLetter<? extends EventMessage<?>> letter) {
        String id = letter instanceof JdbcDeadLetter<?> stored ? stored.getIdentifier() : null;
        EventMessage<?> event = letter.message();
        return new Letter(id, event.getPayloadType().getSimpleName(), event.getIdentifier(), event.getTimestamp(),
                letter.cause().map(cause -> cause.type()).orElse(null),
                letter.cause().map(cause -> cause.message()).orElse(null),
                letter.enqueuedAt(), letter.lastTouched());
    }
}
