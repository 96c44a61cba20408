package br.com.healthmed.command.ratelimit;

import br.com.healthmed.platform.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Ordered first, so the catch-all of the general advice does not take these. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class RetryLaterAdvice {

    @ExceptionHandler(RetryLaterException.class)
    ResponseEntity<ProblemDetail> retryLater(RetryLaterException e) {
        return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds(e)))
                .body(Problems.of(e.status(), e.code(), e.getMessage()));
    }

    /** Rounded up: a client that waits exactly this long finds a token again. */
    private static long seconds(RetryLaterException e) {
        return e.retryAfter() == null ? 1 : Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
    }
}
