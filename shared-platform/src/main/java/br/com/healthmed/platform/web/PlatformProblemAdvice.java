package br.com.healthmed.platform.web;

import br.com.healthmed.api.common.InvalidValueException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What both applications answer for bad input and for Spring MVC's own failures: application/problem+json with a
 * stable {@code code}; nothing a client sends yields a 500. Each side extends this once, as its
 * {@code @RestControllerAdvice}, and adds the handlers of its own exceptions.
 */
public abstract class PlatformProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(PlatformProblemAdvice.class);

    @ExceptionHandler(InvalidValueException.class)
    protected ResponseEntity<ProblemDetail> invalidValue(InvalidValueException e) {
        return Problems.response(Problems.withErrors(Problems.of(HttpStatus.BAD_REQUEST, e.code(), e.getMessage()),
                List.of(fieldError(e))));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    protected ResponseEntity<ProblemDetail> parameterType(MethodArgumentTypeMismatchException e) {
        String code = e.getCause() instanceof InvalidValueException invalid ? invalid.code() : "parameter-invalid";
        return invalidValue(new InvalidValueException(code, e.getName(), e.getName() + " is invalid"));
    }

    @ExceptionHandler(Exception.class)
    protected ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected failure", e);
        return Problems.response(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "Something went wrong on our side; the request can be retried."));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        return widen(unreadableBody(e));
    }

    /** A body that could not become the request's object: which field, or why the JSON itself was refused. */
    protected ResponseEntity<ProblemDetail> unreadableBody(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof StreamConstraintsException) {
                return Problems.response(Problems.of(HttpStatus.BAD_REQUEST, "json-limits-exceeded",
                        "The request body exceeds the accepted size of numbers, strings or nesting."));
            }
        }
        if (cause instanceof JsonMappingException mapping && mapping.getCause() instanceof InvalidValueException invalid) {
            return invalidValue(new InvalidValueException(invalid.code(),
                    invalid.field() != null ? invalid.field() : path(mapping), invalid.getMessage()));
        }
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = path(mismatch);
            return invalidValue(new InvalidValueException("field-type-invalid", field,
                    field + " has the wrong type or format" + expectedFormat(mismatch.getTargetType())));
        }
        if (cause instanceof JsonProcessingException) {
            return Problems.response(Problems.of(HttpStatus.BAD_REQUEST, "malformed-json", "The request body is not valid JSON."));
        }
        return Problems.response(Problems.of(HttpStatus.BAD_REQUEST, "body-required", "A JSON request body is required."));
    }

    /** Spring MVC's own exceptions (405, 406, 413, 415, 404 on unknown paths…) get a code derived from their status. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, @Nullable Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail detail ? detail : ProblemDetail.forStatus(status);
        if (problem.getProperties() == null || !problem.getProperties().containsKey("code")) {
            ProblemDetail coded = Problems.of(HttpStatus.valueOf(status.value()), codeFor(status), problem.getDetail());
            return ResponseEntity.status(status).headers(headers)
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(coded);
        }
        return super.handleExceptionInternal(e, problem, headers, status, request);
    }

    private static String codeFor(HttpStatusCode status) {
        return switch (status.value()) {
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            default -> status.is4xxClientError() ? "bad-request" : "internal-error";
        };
    }

    protected static Map<String, String> fieldError(InvalidValueException e) {
        return e.field() == null
                ? Map.of("code", e.code(), "message", e.getMessage())
                : Map.of("field", e.field(), "code", e.code(), "message", e.getMessage());
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String expectedFormat(Class<?> type) {
        if (type == null) {
            return "";
        }
        return switch (type.getSimpleName()) {
            case "OffsetDateTime", "Instant", "ZonedDateTime" -> " (expected ISO-8601 date-time with offset, e.g. 2026-12-01T09:00:00-03:00)";
            case "LocalDate" -> " (expected ISO-8601 date, e.g. 1990-05-17)";
            case "LocalTime" -> " (expected HH:mm)";
            case "UUID" -> " (expected a UUID)";
            default -> type.isEnum() ? " (unknown value)" : "";
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    protected static ResponseEntity<Object> widen(ResponseEntity<ProblemDetail> response) {
        return (ResponseEntity) response;
    }
}
