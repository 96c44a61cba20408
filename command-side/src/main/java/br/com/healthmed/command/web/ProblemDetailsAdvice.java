package br.com.healthmed.command.web;

import br.com.healthmed.api.common.InvalidValueException;
import br.com.healthmed.command.shared.CommandFailures;
import br.com.healthmed.command.shared.DomainRejection;
import br.com.healthmed.command.shared.RejectionDetails;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
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
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Every error leaves the API as application/problem+json with a stable {@code code}; nothing a client sends yields a 500. */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    /** A busy aggregate frees up within its bounded lock wait; one second is a fair first pause. */
    static final Duration RETRY_AFTER_BUSY = Duration.ofSeconds(1);
    /** A command that outlived the request usually finishes within a couple of seconds more. */
    static final Duration RETRY_AFTER_UNKNOWN_OUTCOME = Duration.ofSeconds(2);

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ProblemDetail> invalidRequest(InvalidRequestException e) {
        List<InvalidValueException> errors = e.errors();
        String code = errors.size() == 1 ? errors.getFirst().code() : "validation-failed";
        return Problems.response(Problems.withErrors(Problems.of(HttpStatus.BAD_REQUEST, code, e.getMessage()),
                errors.stream().map(ProblemDetailsAdvice::fieldError).toList()));
    }

    @ExceptionHandler(InvalidValueException.class)
    ResponseEntity<ProblemDetail> invalidValue(InvalidValueException e) {
        return invalidRequest(new InvalidRequestException(List.of(e)));
    }

    @ExceptionHandler(DomainRejection.class)
    ResponseEntity<ProblemDetail> rejected(DomainRejection e) {
        return rejection(e.details());
    }

    /**
     * What a command's failure looks like to the dispatcher differs by bus: locally the handler's own exception (or
     * the wrapper {@code TranslatingCommandBus} adds), over Axon Server a CommandExecutionException whose cause is an
     * {@code AxonServerRemoteCommandHandlingException} holding only texts, with our {@link RejectionDetails} as its
     * details when the handling node could name the failure. Both end here, as the same answer.
     */
    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> commandFailed(CommandExecutionException e) {
        Optional<RejectionDetails> details = CommandFailures.detailsOf(e, null);
        if (details.isPresent()) {
            return rejection(details.get());
        }
        return unexpected(e);
    }

    @ExceptionHandler({AggregateNotFoundException.class, ConcurrencyException.class, LockAcquisitionFailedException.class})
    ResponseEntity<ProblemDetail> frameworkFailure(RuntimeException e) {
        return CommandFailures.detailsOf(e, null).map(this::rejection).orElseGet(() -> unexpected(e));
    }

    /** No node handles this command right now (Axon Server during a rolling restart): nothing ran, retry later. */
    @ExceptionHandler(NoHandlerForCommandException.class)
    ResponseEntity<ProblemDetail> noHandler(NoHandlerForCommandException e) {
        log.warn("No handler for a command: {}", e.getMessage());
        return retryLater(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                "The service cannot take this request right now; retry in a moment."), RETRY_AFTER_BUSY);
    }

    @ExceptionHandler(CommandOutcomeUnknownException.class)
    ResponseEntity<ProblemDetail> outcomeUnknown(CommandOutcomeUnknownException e) {
        log.warn("{}", e.getMessage());
        return retryLater(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "command-outcome-unknown", e.getMessage()),
                RETRY_AFTER_UNKNOWN_OUTCOME);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> pathOrParameterType(MethodArgumentTypeMismatchException e) {
        String code = e.getCause() instanceof InvalidValueException invalid ? invalid.code() : "parameter-invalid";
        return invalidValue(new InvalidValueException(code, e.getName(), e.getName() + " is invalid"));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException e) {
        return invalidValue(new InvalidValueException("header-required", e.getHeaderName(), e.getHeaderName() + " is required"));
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<ProblemDetail> payloadTooLarge(PayloadTooLargeException e) {
        return Problems.response(Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", e.getMessage()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected failure", e);
        return Problems.response(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "Something went wrong on our side; the request can be retried."));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        Throwable cause = e.getCause();
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof PayloadTooLargeException tooLarge) {
                return widen(payloadTooLarge(tooLarge));
            }
        }
        if (cause instanceof JsonMappingException mapping && mapping.getCause() instanceof InvalidValueException invalid) {
            InvalidValueException located = new InvalidValueException(invalid.code(),
                    invalid.field() != null ? invalid.field() : path(mapping), invalid.getMessage());
            return widen(invalidValue(located));
        }
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = path(mismatch);
            return widen(invalidValue(new InvalidValueException("field-type-invalid", field,
                    field + " has the wrong type or format" + expectedFormat(mismatch.getTargetType()))));
        }
        if (cause instanceof JsonProcessingException) {
            return widen(Problems.response(Problems.of(HttpStatus.BAD_REQUEST, "malformed-json", "The request body is not valid JSON.")));
        }
        return widen(Problems.response(Problems.of(HttpStatus.BAD_REQUEST, "body-required", "A JSON request body is required.")));
    }

    /** Spring MVC's own exceptions (405, 406, 415, 404 on unknown paths…) get a code derived from their status. */
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

    private ResponseEntity<ProblemDetail> rejection(RejectionDetails rejection) {
        if (rejection.kind() == DomainRejection.Kind.INVALID) {
            return invalidValue(new InvalidValueException(rejection.code(), null, rejection.message()));
        }
        ProblemDetail problem = Problems.of(Problems.statusOf(rejection.kind()), rejection.code(), rejection.message());
        return rejection.kind() == DomainRejection.Kind.BUSY ? retryLater(problem, RETRY_AFTER_BUSY) : Problems.response(problem);
    }

    private static ResponseEntity<ProblemDetail> retryLater(ProblemDetail problem, Duration after) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(after.toSeconds())).body(problem);
    }

    private static Map<String, String> fieldError(InvalidValueException e) {
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
    private static ResponseEntity<Object> widen(ResponseEntity<ProblemDetail> response) {
        return (ResponseEntity) response;
    }
}
