package br.com.healthmed.query.consistency;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;

/** Holds a projection still, so that a test can put the read models behind the event stream on purpose. */
final class Projections {

    private Projections() {
    }

    static void withAgendaStopped(EventProcessingConfiguration processing, Runnable whileStopped) {
        StreamingEventProcessor agenda = processing.eventProcessor("agenda", StreamingEventProcessor.class).orElseThrow();
        agenda.shutdownAsync().join();
        try {
            whileStopped.run();
        } finally {
            agenda.start();
        }
    }
}
