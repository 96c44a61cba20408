package br.com.healthmed.command.config;

import br.com.healthmed.command.support.IntegrationTest;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class EventStoreIT {

    @Autowired
    EventStorageEngine storageEngine;

    @Autowired
    Environment environment;

    @Test
    void without_axon_server_events_go_to_the_jdbc_store_on_postgresql() {
        assertThat(environment.getProperty("axon.axonserver.enabled")).isEqualTo("false");
        assertThat(storageEngine).isInstanceOf(JdbcEventStorageEngine.class);
    }
}
