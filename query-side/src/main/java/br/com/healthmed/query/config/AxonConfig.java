package br.com.healthmed.query.config;

import br.com.healthmed.api.serialization.StoredHistory;
import br.com.healthmed.api.serialization.StoredTypeSerializer;
import br.com.healthmed.api.serialization.StoredTypes;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class AxonConfig {

    /** The command side's event tables (its Flyway owns them); the query side only reads them. */
    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    /**
     * The command side's events under their logical names, and under the class names older stores hold (ADR 0008).
     * The query side reads no snapshots, so it needs no snapshot names.
     */
    @Bean
    StoredTypes storedTypes() {
        return StoredTypes.events();
    }

    /** Tracking tokens; replaces what {@code axon.serializer.general: jackson} would build. */
    @Bean
    @Primary
    Serializer serializer(StoredTypes storedTypes, ObjectMapper objectMapper) {
        return StoredTypeSerializer.create(storedTypes, objectMapper, getClass().getClassLoader());
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(StoredTypes storedTypes, ObjectMapper objectMapper) {
        return StoredTypeSerializer.create(storedTypes, objectMapper, getClass().getClassLoader());
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer(StoredTypes storedTypes, ObjectMapper objectMapper) {
        return StoredTypeSerializer.create(storedTypes, objectMapper, getClass().getClassLoader());
    }

    /** The same upcasters as the command side's, so projections see old rows in today's shape. */
    @Bean
    EventUpcaster storedHistoryUpcasters(StoredTypes storedTypes) {
        return StoredHistory.upcasters(storedTypes);
    }

    /**
     * The query side's positions live in its own schema: they must never mix with the command side's processors, and
     * resetting a projection must not need write access to anything the command side owns.
     */
    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("query_side.token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
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
