package br.com.healthmed.query.web;

import br.com.healthmed.api.common.InvalidValueException;
import br.com.healthmed.query.consistency.ProjectionsBehindException;
import br.com.healthmed.query.consistency.UnknownProcessorException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.List;
import java.util.Map;

/** Every error leaves the API as application/problem+json with a stable {@code code}; nothing a client sends yields a 500. */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(InvalidValueException.class)
    ResponseEntity<ProblemDetail> invalidValue(InvalidValueException e) {
        Map<String, String> error = e.field() == null
                ? Map.of("code", e.code(), "message", e.getMessage())
                : Map.of("field", e.field(), "code", e.code(), "message", e.getMessage());
        return Problems.response(Problems.withErrors(Problems.of(HttpStatus.BAD_REQUEST, e.code(), e.getMessage()),
                List.of(error)));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e) {
        return Problems.response(Problems.of(HttpStatus.NOT_FOUND, "not-found", e.getMessage()));
    }

    @ExceptionHandler(ProjectionsBehindException.class)
    ResponseEntity<ProblemDetail> projectionsBehind(ProjectionsBehindException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "projections-behind", e.getMessage()));
    }

    @ExceptionHandler(UnknownProcessorException.class)
    ResponseEntity<ProblemDetail> unknownProcessor(UnknownProcessorException e) {
        return Problems.response(Problems.of(HttpStatus.NOT_FOUND, "processor-not-found", e.getMessage()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> parameterType(MethodArgumentTypeMismatchException e) {
        String code = e.getCause() instanceof InvalidValueException invalid ? invalid.code() : "parameter-invalid";
        return invalidValue(new InvalidValueException(code, e.getName(), e.getName() + " is invalid"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected failure", e);
        return Problems.response(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "Something went wrong on our side; the request can be retried."));
    }

    /** Spring MVC's own exceptions (405, 406, 404 on unknown paths…) get a code derived from their status. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, @Nullable Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail detail ? detail : ProblemDetail.forStatus(status);
        if (problem.getProperties() == null || !problem.getProperties().containsKey("code")) {
            ProblemDetail coded = Problems.of(HttpStatus.valueOf(status.value()), codeFor(status), problem.getDetail());
            return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(coded);
        }
        return super.handleExceptionInternal(e, problem, headers, status, request);
    }

    private static String codeFor(HttpStatusCode status) {
        return switch (status.value()) {
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 415 -> "unsupported-media-type";
            default -> status.is4xxClientError() ? "bad-request" : "internal-error";
        };
    }
}
