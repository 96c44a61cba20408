package br.com.healthmed.query.consistency;

import br.com.healthmed.platform.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Ordered before the general advice, whose catch-all would otherwise answer 500. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class DeadLetterProblems {

    @ExceptionHandler(DeadLetterNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(DeadLetterNotFoundException e) {
        return Problems.response(Problems.of(HttpStatus.NOT_FOUND, "dead-letter-not-found", e.getMessage()));
    }
}
