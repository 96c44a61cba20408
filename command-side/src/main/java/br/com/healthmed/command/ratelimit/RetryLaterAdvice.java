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
                .header(HttpHeaders.RETRY_AFTER, Problems.retryAfterSeconds(e.retryAfter()))
                .body(Problems.of(e.status(), e.code(), e.getMessage()));
    }
}
