package br.com.healthmed.query.config;

import br.com.healthmed.api.serialization.StoredTypes;
import br.com.healthmed.platform.eventstore.EventStoreConfig;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class AxonConfig {

    /** The order the doctor and agenda projections need: one doctor's events in store order (ADR 0011). */
    @Bean
    SequencingPolicy<EventMessage<?>> perDoctorSequencing() {
        return new PerDoctorSequencingPolicy();
    }

    /**
     * The command side's events under their logical names, and under the class names older stores hold (ADR 0008).
     * The query side reads no snapshots, so it needs no snapshot names.
     */
    @Bean
    StoredTypes storedTypes() {
        return StoredTypes.events();
    }

    /**
     * The query side's positions live in its own schema: they must never mix with the command side's processors, and
     * resetting a projection must not need write access to anything the command side owns.
     */
    @Bean
    TokenSchema tokenSchema() {
        return EventStoreConfig.tokenSchema("query_side.token_entry");
    }

    /**
     * A projection that fails on an event must never skip it: a skipped event would leave a read model silently wrong
     * until the next replay. The failure reaches the dead-letter queue (ADR 0015), whose policy decides:
     * <ul>
     *   <li>a store that cannot be reached (MongoDB or PostgreSQL away) is everyone's problem, not this event's: the
     *   failure propagates, the batch rolls back and the processor retries it from its token until the store is back;</li>
     *   <li>anything else is this event's problem (a poison event): it is parked with the rest of its sequence, and the
     *   processor goes on with every other sequence; an ADMIN retries or evicts it.</li>
     * </ul>
     */
    @Bean
    ConfigurerModule deadLetterOnlyPoisonEvents() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance())
                .registerDefaultDeadLetterPolicy(configuration -> new PoisonOnlyPolicy());
    }

    /** The query side's dead letters live in its own schema, next to its tokens. */
    @Bean
    DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder().deadLetterTable("query_side.dead_letter_entry").build();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
