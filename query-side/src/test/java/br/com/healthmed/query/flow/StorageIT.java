package br.com.healthmed.query.flow;

import br.com.healthmed.query.support.IntegrationTest;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import br.com.healthmed.query.support.StoreOwner;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The query side reads the command side's JDBC event store and keeps its own positions in its own schema. */
@IntegrationTest
class StorageIT {

    @Autowired
    @StoreOwner
    JdbcClient jdbc;
    @Autowired
    EventStorageEngine storageEngine;

    @Test
    void events_come_from_the_jdbc_store_and_tracking_tokens_live_in_the_query_side_schema() {
        assertThat(storageEngine).isInstanceOf(JdbcEventStorageEngine.class);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(jdbc.sql("SELECT DISTINCT processor_name FROM query_side.token_entry ORDER BY 1")
                        .query(String.class).list())
                        .containsExactly("agenda", "appointments", "doctors", "patients"));
        assertThat(jdbc.sql("SELECT count(*) FROM public.token_entry").query(Long.class).single()).isZero();
        List<String> migrations = jdbc.sql("SELECT script FROM query_side.flyway_schema_history WHERE success AND type = 'SQL' ORDER BY installed_rank")
                .query(String.class).list();
        assertThat(migrations).containsExactly("V1__token_store.sql", "V2__dead_letters.sql", "V3__replica_heartbeats.sql",
                "V8__personal_data_reads.sql");
    }
}
