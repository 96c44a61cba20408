package br.com.healthmed.command.notification;

import br.com.healthmed.command.web.Rejects;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Operators' view of undelivered notifications (ADMIN only, like everything under /api/admin). */
@RestController
@ConditionalOnProperty(prefix = "spring.mail", name = "host")
@RequestMapping("/api/admin/notifications/dead-letters")
@Tag(name = "Notifications")
class NotificationAdminController {

    private final NotificationDeadLetters deadLetters;

    NotificationAdminController(NotificationDeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    record RetryOutcome(String id, boolean delivered) {
    }

    @GetMapping
    @Operation(operationId = "listNotificationDeadLetters", summary = "Notifications waiting in the dead-letter queue; parked ones are no longer retried on their own")
    @Rejects
    List<NotificationDeadLetters.Letter> list() {
        return deadLetters.list();
    }

    @PostMapping("/{id}/retry")
    @Operation(operationId = "retryNotificationDeadLetter", summary = "Try to deliver now (its whole sequence, in order); 404 dead-letter-not-found")
    @Rejects(DeadLetterNotFoundException.class)
    RetryOutcome retry(@PathVariable String id) {
        return new RetryOutcome(id, deadLetters.retry(id));
    }

    @DeleteMapping("/{id}")
    @Operation(operationId = "evictNotificationDeadLetter", summary = "Give up on this notification; 404 dead-letter-not-found")
    @Rejects(DeadLetterNotFoundException.class)
    ResponseEntity<Void> evict(@PathVariable String id) {
        deadLetters.evict(id);
        return ResponseEntity.noContent().build();
    }
}
