package br.com.healthmed.command.config;

import br.com.healthmed.api.common.AuditMetadata;
import br.com.healthmed.api.serialization.StoredTypes;
import br.com.healthmed.command.doctor.DaySchedule;
import br.com.healthmed.command.doctor.Doctor;
import br.com.healthmed.command.patient.Patient;
import br.com.healthmed.platform.eventstore.EventStoreConfig;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
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
                .with(Patient.class, "healthmed.snapshot.Patient", "br.com.healthmed.command.patient.Patient");
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

    @Bean
    TokenSchema tokenSchema() {
        return EventStoreConfig.tokenSchema("token_entry");
    }

    /** Copies who-did-it and the correlation id from every command onto the events it causes. */
    @Bean
    CorrelationDataProvider auditCorrelationData() {
        return new SimpleCorrelationDataProvider(AuditMetadata.USER_ID, AuditMetadata.ROLE, AuditMetadata.CORRELATION_ID);
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
