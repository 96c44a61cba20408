package br.com.healthmed.command.notification;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The notifications that could not be delivered, in Axon's JDBC dead-letter queue. Each failed handling counts in the
 * letter's diagnostics; letters are tried again once their back-off has passed, until {@code max-failures}, after
 * which they stay parked for an ADMIN to retry or evict (ADR 0013).
 */
class NotificationDeadLetters {

    static final String FAILURES = "failures";
    private static final Logger log = LoggerFactory.getLogger(NotificationDeadLetters.class);
    /** Enough for a burst after an outage, bounded so one check cannot run forever. */
    private static final int MAX_SEQUENCES_PER_CHECK = 1000;

    private final EventProcessingConfiguration processing;
    private final NotificationProperties properties;
    private final Clock clock;

    NotificationDeadLetters(EventProcessingConfiguration processing, NotificationProperties properties, Clock clock) {
        this.processing = processing;
        this.properties = properties;
        this.clock = clock;
    }

    record Letter(String id, String sequence, String eventType, String cause, Instant enqueuedAt, Instant lastTouched,
                  int failures, boolean parked) {
    }

    /** Counts every failure, the first one included, so that redelivery knows when to stop. */
    static EnqueuePolicy<EventMessage<?>> countingFailures() {
        return (letter, cause) -> Decisions.requeue(cause,
                failed -> failed.diagnostics().and(FAILURES, failuresOf(failed) + 1));
    }

    @Scheduled(fixedDelayString = "${healthmed.notifications.redelivery-check:PT15S}")
    void redeliverDue() {
        processor().ifPresent(processor -> {
            int processed = 0;
            while (processed < MAX_SEQUENCES_PER_CHECK && processor.process(this::due)) {
                processed++;
            }
            if (processed > 0) {
                log.info("Delivered {} notification(s) from the dead-letter queue", processed);
            }
        });
    }

    List<Letter> list() {
        List<Letter> letters = new ArrayList<>();
        queue().ifPresent(queue -> queue.deadLetters().forEach(sequence -> sequence.forEach(letter ->
                letters.add(describe(letter)))));
        return letters;
    }

    /** Tries the sequence this letter heads now, parked or not; true when it was delivered. */
    boolean retry(String id) {
        requirePresent(id);
        return processor().map(processor -> processor.process(letter -> letter.message().getIdentifier().equals(id)))
                .orElse(false);
    }

    void evict(String id) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue().orElseThrow(DeadLetterNotFoundException::new);
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                if (letter.message().getIdentifier().equals(id)) {
                    queue.evict(letter);
                    return;
                }
            }
        }
        throw new DeadLetterNotFoundException();
    }

    private void requirePresent(String id) {
        if (list().stream().noneMatch(letter -> letter.id().equals(id))) {
            throw new DeadLetterNotFoundException();
        }
    }

    private boolean due(DeadLetter<? extends EventMessage<?>> letter) {
        int failures = failuresOf(letter);
        return failures < properties.maxFailures()
                && !clock.instant().isBefore(letter.lastTouched().plus(properties.backoffAfter(failures)));
    }

    private Letter describe(DeadLetter<? extends EventMessage<?>> letter) {
        int failures = failuresOf(letter);
        return new Letter(letter.message().getIdentifier(), sequenceOf(letter),
                letter.message().getPayloadType().getSimpleName(),
                letter.cause().map(Cause::message).orElse(null), letter.enqueuedAt(), letter.lastTouched(), failures,
                failures >= properties.maxFailures());
    }

    private static String sequenceOf(DeadLetter<? extends EventMessage<?>> letter) {
        return letter instanceof org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter<?> jdbc
                ? jdbc.getSequenceIdentifier() : null;
    }

    private static int failuresOf(DeadLetter<?> letter) {
        MetaData diagnostics = letter.diagnostics();
        return diagnostics.get(FAILURES) instanceof Number number ? number.intValue() : 0;
    }

    private java.util.Optional<SequencedDeadLetterProcessor<EventMessage<?>>> processor() {
        return processing.sequencedDeadLetterProcessor(AppointmentNotifications.GROUP);
    }

    private java.util.Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue() {
        return processing.deadLetterQueue(AppointmentNotifications.GROUP);
    }
}
