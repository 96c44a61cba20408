package br.com.healthmed.query.projection;

import br.com.healthmed.query.consistency.ProjectionPositions;
import br.com.healthmed.query.support.IntegrationTest;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import br.com.healthmed.query.support.StoreOwner;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Replicas split the projections' segments: when a second replica announces itself, this one keeps only its share and
 * releases the rest for the other to claim; when the other goes away, this one takes every segment back.
 */
@IntegrationTest
class SegmentSharingIT {

    private static final String OTHER_REPLICA = "4242@another-query-side-replica";

    @Autowired
    ProcessorSegmentBalancer balancer;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    ProjectionPositions positions;

    @Autowired
    @StoreOwner
    JdbcClient jdbc;

    @Test
    void a_replica_keeps_only_its_share_of_segments_while_another_one_is_alive() {
        List<String> processors = positions.processorNames();
        assertThat(processors).isNotEmpty();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> processors.forEach(name ->
                assertThat(segmentsHere(name)).as("segments of %s claimed by the only replica", name).isEqualTo(2)));
        try {
            // Seen "in the future", so the other replica stays alive for the whole test without a thread of its own.
            jdbc.sql("INSERT INTO query_side.replica_heartbeat (node, seen_at) VALUES (:node, now() + interval '2 minutes')")
                    .param("node", OTHER_REPLICA).update();
            balancer.heartbeat();
            assertThat(balancer.liveReplicas()).isEqualTo(2);
            processors.forEach(name -> assertThat(balancer.getMaxSegments(name)).isEqualTo(1));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> processors.forEach(name ->
                    assertThat(segmentsHere(name)).as("segments of %s kept beside another replica", name).isEqualTo(1)));
        } finally {
            jdbc.sql("DELETE FROM query_side.replica_heartbeat WHERE node = :node").param("node", OTHER_REPLICA).update();
        }
        balancer.heartbeat();
        assertThat(balancer.liveReplicas()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> processors.forEach(name ->
                assertThat(segmentsHere(name)).as("segments of %s taken back", name).isEqualTo(2)));
    }

    private int segmentsHere(String processorName) {
        return processing.eventProcessor(processorName, StreamingEventProcessor.class).orElseThrow()
                .processingStatus().size();
    }
}
