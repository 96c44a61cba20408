package br.com.healthmed.command.config;

import br.com.healthmed.api.common.AuditMetadata;
import br.com.healthmed.api.serialization.StoredTypes;
import br.com.healthmed.command.doctor.DaySchedule;
import br.com.healthmed.command.appointment.Appointment;
import br.com.healthmed.command.appointment.AppointmentLifecycle;
import br.com.healthmed.command.doctor.Doctor;
import br.com.healthmed.command.patient.Patient;
import br.com.healthmed.platform.eventstore.EventStoreConfig;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

@Configuration(proxyBeanMethods = false)
class AxonConfig {

    static final String UNIQUE_VIOLATION = "23505";

    /**
     * Events and snapshots under logical names, so that a class can move without breaking the stored history
     * (ADR 0008). The snapshot names' aliases are the aggregate classes' names as version 5bca2fe stored them.
     */
    @Bean
    StoredTypes storedTypes() {
        return StoredTypes.events()
                .with(Doctor.class, "healthmed.snapshot.Doctor", "br.com.healthmed.command.doctor.Doctor")
                .with(DaySchedule.class, "healthmed.snapshot.DaySchedule")
                .with(Patient.class, "healthmed.snapshot.Patient", "br.com.healthmed.command.patient.Patient")
                .with(AppointmentLifecycle.class, "healthmed.saga.AppointmentLifecycle")
                .with(AppointmentLifecycle.RequestExpiryDue.class, "healthmed.deadline.RequestExpiryDue")
                .with(AppointmentLifecycle.AppointmentEndDue.class, "healthmed.deadline.AppointmentEndDue")
                .with(AppointmentLifecycle.ReminderDue.class, "healthmed.deadline.ReminderDue")
                .with(Appointment.RoomClosesDue.class, "healthmed.deadline.RoomClosesDue")
                .with(Patient.ConfirmationDue.class, "healthmed.deadline.PatientConfirmationDue");
    }

    /**
     * Axon's default for JDBC recognises a duplicate key only as {@code SQLIntegrityConstraintViolationException}, which
     * PostgreSQL's driver never throws: a second append at the same (aggregate, sequence) then surfaced as a bare
     * EventStoreException (500). SQLSTATE 23505 (unique_violation) makes it the ConcurrencyException it is (ADR 0009).
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver(UNIQUE_VIOLATION);
    }

    /** The saga store's tables as V5 creates them (snake case, BYTEA), instead of Axon's camel-case defaults. */
    @Bean
    SagaSqlSchema sagaSqlSchema() {
        return new PostgresSagaSqlSchema(SagaSchema.builder()
                .sagaEntryTable("saga_entry")
                .associationValueEntryTable("association_value_entry")
                .sagaIdColumn("saga_id")
                .sagaTypeColumn("saga_type")
                .revisionColumn("revision")
                .serializedSagaColumn("serialized_saga")
                .associationKeyColumn("association_key")
                .associationValueColumn("association_value")
                .build());
    }

    /** Axon's JDBC dead-letter queue in the snake-case table V6 creates (used by processors with dlq.enabled). */
    @Bean
    DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_id")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("aggregate_type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }

    @Bean
    TokenSchema tokenSchema() {
        return EventStoreConfig.tokenSchema("token_entry");
    }

    /** Copies who-did-it and the correlation id from every command onto the events it causes. */
    @Bean
    CorrelationDataProvider auditCorrelationData() {
        return new SimpleCorrelationDataProvider(AuditMetadata.USER_ID, AuditMetadata.ROLE, AuditMetadata.CORRELATION_ID,
                AuditMetadata.TRACE_ID);
    }

    /**
     * Doctors (with the slots they kept from before day schedules) and day schedules; a snapshot every N events keeps
     * a busy one fast to load.
     */
    @Bean
    SnapshotTriggerDefinition scheduleSnapshotTrigger(Snapshotter snapshotter,
                                                      @Value("${healthmed.snapshots.schedule-threshold:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    @Bean
    SnapshotTriggerDefinition patientSnapshotTrigger(Snapshotter snapshotter,
                                                     @Value("${healthmed.snapshots.patient-threshold:50}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
