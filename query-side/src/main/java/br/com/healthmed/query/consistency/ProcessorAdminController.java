package br.com.healthmed.query.consistency;

import br.com.healthmed.query.web.Rejects;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** ADMIN: rebuild a projection from the start of the event stream (its reset handler clears its views first). */
@RestController
@RequestMapping("/api/admin/processors")
@Tag(name = "Operations")
class ProcessorAdminController {

    private final EventProcessingConfiguration processing;
    private final ProjectionPositions positions;

    ProcessorAdminController(EventProcessingConfiguration processing, ProjectionPositions positions) {
        this.processing = processing;
        this.positions = positions;
    }

    record Processors(List<String> names) {
    }

    @PostMapping("/{name}/reset")
    @Rejects(UnknownProcessorException.class)
    @Operation(operationId = "resetProcessor", summary = "Replay one projection from the beginning",
            description = "Stops the processor here, resets its tokens and starts it again. With several replicas, "
                    + "the others must have released the processor's segments (scale them to one or stop it there).")
    ResponseEntity<Processors> reset(@PathVariable String name) {
        StreamingEventProcessor processor = processing.eventProcessor(name, StreamingEventProcessor.class)
                .filter(StreamingEventProcessor::supportsReset)
                .orElseThrow(() -> new UnknownProcessorException(name, positions.processorNames()));
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        return ResponseEntity.accepted().body(new Processors(List.of(name)));
    }
}
