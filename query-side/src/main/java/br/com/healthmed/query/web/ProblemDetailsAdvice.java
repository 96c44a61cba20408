package br.com.healthmed.query.web;

import br.com.healthmed.platform.web.PlatformProblemAdvice;
import br.com.healthmed.platform.web.Problems;
import br.com.healthmed.query.consistency.ConsistencyWaitBusyException;
import br.com.healthmed.query.consistency.ProjectionsBehindException;
import br.com.healthmed.query.consistency.UnknownProcessorException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.time.Duration;

/** The query side's own failures (missing documents, projections behind) on top of the shared problem answers. */
@RestControllerAdvice
class ProblemDetailsAdvice extends PlatformProblemAdvice {

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        return Problems.response(Problems.of(HttpStatus.NOT_FOUND, "not-found", e.getMessage()));
    }

    @ExceptionHandler(ProjectionsBehindException.class)
    ResponseEntity<ProblemDetail> projectionsBehind(ProjectionsBehindException e) {
        return Problems.retryLater(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "projections-behind", e.getMessage()),
                Duration.ofSeconds(1));
    }

    @ExceptionHandler(ConsistencyWaitBusyException.class)
    ResponseEntity<ProblemDetail> consistencyWaitBusy(ConsistencyWaitBusyException e) {
        return Problems.retryLater(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "consistency-wait-busy", e.getMessage()),
                Duration.ofSeconds(1));
    }

    @ExceptionHandler(UnknownProcessorException.class)
    ResponseEntity<ProblemDetail> unknownProcessor(UnknownProcessorException e) {
        return Problems.response(Problems.of(HttpStatus.NOT_FOUND, "processor-not-found", e.getMessage()));
    }
}
