package br.com.healthmed.query.config;

import br.com.healthmed.platform.stores.StoreFailures;
import br.com.healthmed.query.faults.ReadStores;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;

/**
 * Parks only what belongs to the event. A store that cannot be reached is rethrown instead: Axon's dead-lettering
 * invoker lets an exception from its policy escape, so the batch rolls back and is retried from the token once the
 * store is back, where parking it would leave every event of the outage waiting for an operator (ADR 0015).
 */
final class PoisonOnlyPolicy implements EnqueuePolicy<EventMessage<?>> {

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        if (StoreFailures.unavailable(cause, ReadStores::unreachable)) {
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        }
        return Decisions.enqueue(cause);
    }
}
