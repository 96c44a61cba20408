package br.com.healthmed.command.faults;

import br.com.healthmed.platform.stores.StoreFailures;
import br.com.healthmed.platform.web.Problems;
import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.TransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.time.Duration;

/**
 * Store failures met outside a command handler (the login throttle and refresh tokens in Redis, the Idempotency-Key
 * record, account and slot look-ups, the consistency token): a store that cannot be reached is a 503
 * {@code store-unavailable} with Retry-After, never a 500, and never a login without its throttle (ADR 0015). Inside
 * a command handler {@code CommandFailures} names the same failure. Ordered first, so the catch-all of the general
 * advice does not take these.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class StoreUnavailableAdvice {

    private static final Logger log = LoggerFactory.getLogger(StoreUnavailableAdvice.class);

    /** PostgreSQL restarts or fails over in seconds, Redis reconnects within a second of coming back. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(2);

    @ExceptionHandler({DataAccessException.class, TransactionException.class, EventStoreException.class, JdbcException.class})
    ResponseEntity<ProblemDetail> storeFailed(RuntimeException e) {
        if (!StoreFailures.unavailable(e)) {
            log.error("Unexpected store failure", e);
            return Problems.response(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                    "Something went wrong on our side; the request can be retried."));
        }
        log.warn("Store unavailable: {}", e.getMessage());
        return Problems.retryLater(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, StoreFailures.STORE_UNAVAILABLE,
                StoreFailures.MESSAGE), RETRY_AFTER);
    }
}
