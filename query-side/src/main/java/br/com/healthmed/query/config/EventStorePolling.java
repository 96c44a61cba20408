package br.com.healthmed.query.config;

import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.time.Duration;

/**
 * How soon the query side sees an event the command side appended, where events live in PostgreSQL (this machine, CI,
 * the local run; Axon Server pushes them instead, and this does nothing there). The command side appends from another
 * process, so nothing wakes the query side's event store: it polls, and Axon's default is a poll every second when
 * nothing is new. A read with {@code X-Consistency-Token} pays that wait on top of the projection's own work, and with
 * a 1 s poll it answered in 1.1 s at the median and ran into its 2 s bound (503 {@code projections-behind}) one time
 * in ten on an idle machine (docs/performance.md). {@code healthmed.event-store.poll-interval} (100 ms) costs each
 * replica ten indexed look-ups a second while idle.
 * <p>
 * Axon Spring Boot builds the event store from the JDBC storage engine it configures, and declaring an event store of
 * our own would switch that configuration off, so the store Axon built is replaced by one built the same way (storage
 * engine, monitor, span factory) with the shorter poll, before anything uses it.
 */
@Configuration(proxyBeanMethods = false)
class EventStorePolling {

    @Bean
    static BeanPostProcessor fasterEventStorePolling(ObjectProvider<EventStorageEngine> storageEngine,
                                                     ObjectProvider<org.axonframework.config.Configuration> axon,
                                                     Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (!(bean instanceof EmbeddedEventStore built)) {
                    return bean;
                }
                Duration interval = DurationStyle.detectAndParse(
                        environment.getProperty("healthmed.event-store.poll-interval", "PT0.1S"));
                if (interval.isNegative() || interval.isZero()) {
                    throw new IllegalArgumentException("healthmed.event-store.poll-interval must be positive");
                }
                org.axonframework.config.Configuration configuration = axon.getObject();
                // Nothing has used it: this releases the executor its constructor made, before any thread started.
                built.shutDown();
                return EmbeddedEventStore.builder()
                        .storageEngine(storageEngine.getObject())
                        .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                        .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                        .fetchDelay(interval.toMillis())
                        .build();
            }
        };
    }
}
