package br.com.healthmed.platform.eventstore;

import br.com.healthmed.api.serialization.StoredHistory;
import br.com.healthmed.api.serialization.StoredTypeSerializer;
import br.com.healthmed.api.serialization.StoredTypes;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * How both applications read and write the event store: the command side's Flyway tables, events under their logical
 * names (ADR 0008) and the upcasters that show old rows in today's shape. Each application supplies its
 * {@link StoredTypes} (the command side adds its snapshot names) and its {@link TokenSchema} (see {@link #tokenSchema}).
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfig {

    /** Snake-case tables created by the command side's Flyway (db/migration), with BYTEA payloads instead of large objects. */
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

    /** Snapshots and tracking tokens; replaces what {@code axon.serializer.general: jackson} would build. */
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

    /** Old shapes read as today's, for aggregates, snapshots and projections alike. */
    @Bean
    EventUpcaster storedHistoryUpcasters(StoredTypes storedTypes) {
        return StoredHistory.upcasters(storedTypes);
    }

    /**
     * The token table's columns; only the table differs per application, because each side's processors keep their
     * positions apart (the query side in its own schema).
     */
    public static TokenSchema tokenSchema(String table) {
        return TokenSchema.builder()
                .setTokenTable(table)
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }
}
