package br.com.healthmed.query.faults;

import br.com.healthmed.platform.web.Problems;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
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

    static final String STORE_UNAVAILABLE = "store-unavailable";
    /** About the time a readiness probe takes to move traffic away from this replica, or the store to come back. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    @ExceptionHandler({DataAccessException.class, CannotCreateTransactionException.class, MongoTimeoutException.class,
            MongoSocketException.class})
    ResponseEntity<ProblemDetail> storeFailed(RuntimeException e) {
        if (!unavailable(e)) {
            log.error("Unexpected store failure", e);
            return Problems.response(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                    "Something went wrong on our side; the request can be retried."));
        }
        log.warn("Store unavailable: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(RETRY_AFTER.toSeconds()))
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, STORE_UNAVAILABLE,
                        "The read models are unavailable right now; retry in a moment."));
    }

    private static boolean unavailable(RuntimeException e) {
        return e instanceof DataAccessResourceFailureException || e instanceof TransientDataAccessException
                || e instanceof CannotCreateTransactionException || e instanceof MongoTimeoutException
                || e instanceof MongoSocketException;
    }
}
