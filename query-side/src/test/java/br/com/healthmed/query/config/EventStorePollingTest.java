package br.com.healthmed.query.config;

import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.mock.env.MockEnvironment;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventStorePollingTest {

    private final InMemoryEventStorageEngine engine = new InMemoryEventStorageEngine();
    private final Configuration axon = DefaultConfigurer.defaultConfiguration().buildConfiguration();
    private final List<EmbeddedEventStore> stores = new ArrayList<>();

    @AfterEach
    void shutDown() {
        stores.forEach(EmbeddedEventStore::shutDown);
    }

    private BeanPostProcessor polling(MockEnvironment environment) {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        beans.registerSingleton("storageEngine", engine);
        beans.registerSingleton("axonConfiguration", axon);
        return EventStorePolling.fasterEventStorePolling(beans.getBeanProvider(EventStorageEngine.class),
                beans.getBeanProvider(Configuration.class), environment);
    }

    private EmbeddedEventStore axonBuilt() {
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(engine).build();
        stores.add(store);
        return store;
    }

    @Test
    void the_event_store_axon_built_is_replaced_by_one_on_the_same_storage_engine() {
        EmbeddedEventStore original = axonBuilt();

        Object replaced = polling(new MockEnvironment()).postProcessBeforeInitialization(original, "eventStore");

        assertThat(replaced).isInstanceOf(EmbeddedEventStore.class).isNotSameAs(original);
        EmbeddedEventStore store = (EmbeddedEventStore) replaced;
        stores.add(store);
        store.publish(GenericEventMessage.asEventMessage("appended through the replacement"));
        assertThat(engine.readEvents(null, false).map(event -> (Object) event.getPayload()).toList())
                .containsExactly("appended through the replacement");
    }

    @Test
    void every_other_bean_is_left_as_it_is() {
        Object other = new Object();

        assertThat(polling(new MockEnvironment()).postProcessBeforeInitialization(other, "other")).isSameAs(other);
    }

    @Test
    void a_poll_interval_that_is_not_positive_is_refused() {
        BeanPostProcessor polling = polling(new MockEnvironment().withProperty("healthmed.event-store.poll-interval", "0s"));

        assertThatThrownBy(() -> polling.postProcessBeforeInitialization(axonBuilt(), "eventStore"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("healthmed.event-store.poll-interval");
    }
}
