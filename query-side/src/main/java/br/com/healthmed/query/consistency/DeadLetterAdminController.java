package br.com.healthmed.query.consistency;

import br.com.healthmed.query.web.Rejects;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** ADMIN: the events a projection parked because it could not handle them (ADR 0015), to fix, retry or drop. */
@RestController
@RequestMapping("/api/admin/processors/{name}/dead-letters")
@Tag(name = "Operations")
class DeadLetterAdminController {

    private final DeadLetters deadLetters;

    DeadLetterAdminController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    record Parked(String processor, List<DeadLetters.Sequence> sequences) {
    }

    record Retried(String processor, int sequencesHandled, List<DeadLetters.Sequence> stillParked) {
    }

    @GetMapping
    @Operation(operationId = "listProjectionDeadLetters", summary = "List the parked events, by sequence (one aggregate's events, in order)")
    @Rejects(UnknownProcessorException.class)
    Parked list(@PathVariable String name) {
        return new Parked(name, deadLetters.list(name));
    }

    @PostMapping("/retry")
    @Rejects(UnknownProcessorException.class)
    @Operation(operationId = "retryProjectionDeadLetters", summary = "Hand every parked sequence back to the projection once, after the cause is fixed",
            description = "A sequence that fails again stays parked, with its cause updated.")
    Retried retry(@PathVariable String name) {
        int handled = deadLetters.retryAll(name);
        return new Retried(name, handled, deadLetters.list(name));
    }

    @DeleteMapping("/{letterId}")
    @Operation(operationId = "evictProjectionDeadLetter", summary = "Drop one parked event for good; the next of its sequence becomes the first")
    @Rejects({UnknownProcessorException.class, DeadLetterNotFoundException.class})
    ResponseEntity<Void> evict(@PathVariable String name, @PathVariable String letterId) {
        if (!deadLetters.evict(name, letterId)) {
            throw new DeadLetterNotFoundException(name, letterId);
        }
        return ResponseEntity.noContent().build();
    }
}
