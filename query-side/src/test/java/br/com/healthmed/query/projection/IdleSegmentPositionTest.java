package br.com.healthmed.query.projection;

import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.mockito.Answers.RETURNS_SELF;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

class IdleSegmentPositionTest {

    @Test
    void every_pooled_processor_is_balanced_and_stores_an_idle_segments_position_at_the_configured_interval() {
        PooledStreamingEventProcessor.Builder builder = mock(PooledStreamingEventProcessor.Builder.class, RETURNS_SELF);
        ProcessorSegmentBalancer balancer = mock(ProcessorSegmentBalancer.class);

        ProcessorSegmentBalancer.Registration.shared(builder, balancer, Duration.ofMillis(500));

        verify(builder).maxSegmentProvider(balancer);
        verify(builder).claimExtensionThreshold(500L);
    }
}
