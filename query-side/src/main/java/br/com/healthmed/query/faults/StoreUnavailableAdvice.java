package br.com.healthmed.query.faults;

import br.com.healthmed.platform.stores.StoreFailures;
import br.com.healthmed.platform.web.Problems;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
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
 * A read store that cannot be reached (MongoDB down, PostgreSQL's positions for read-your-writes) answers 503
 * {@code store-unavailable} with Retry-After as soon as the driver gives up (2 s server selection), never a 500 and
 * never a hung request; readiness is DOWN meanwhile, so the gateway routes to other replicas (ADR 0015). Ordered
 * first, so the catch-all of the general advice does not take these.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class StoreUnavailableAdvice {

    private static final Logger log = LoggerFactory.getLogger(StoreUnavailableAdvice.class);

    /** About the time a readiness probe takes to move traffic away from this replica, or the store to come back. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    @ExceptionHandler({DataAccessException.class, TransactionException.class, EventStoreException.class,
            JdbcException.class, MongoTimeoutException.class, MongoSocketException.class})
    ResponseEntity<ProblemDetail> storeFailed(RuntimeException e) {
        if (!StoreFailures.unavailable(e, ReadStores::unreachable)) {
            log.error("Unexpected store failure", e);
            return Problems.response(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                    "Something went wrong on our side; the request can be retried."));
        }
        log.warn("Store unavailable: {}", e.getMessage());
        return Problems.retryLater(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, StoreFailures.STORE_UNAVAILABLE,
                "The read models are unavailable right now; retry in a moment."), RETRY_AFTER);
    }
}
