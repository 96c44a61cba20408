package br.com.healthmed.command.web;

import br.com.healthmed.api.common.InvalidValueException;
import br.com.healthmed.command.shared.CommandFailures;
import br.com.healthmed.command.shared.DomainRejection;
import br.com.healthmed.command.shared.RejectionDetails;
import br.com.healthmed.platform.web.PlatformProblemAdvice;
import br.com.healthmed.platform.web.Problems;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.NoHandlerForCommandException;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The command side's own failures (rejections, the command bus, request size) on top of the shared problem answers. */
@RestControllerAdvice
class ProblemDetailsAdvice extends PlatformProblemAdvice {

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
                errors.stream().map(PlatformProblemAdvice::fieldError).toList()));
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
        return Problems.retryLater(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                "The service cannot take this request right now; retry in a moment."), RETRY_AFTER_BUSY);
    }

    @ExceptionHandler(CommandOutcomeUnknownException.class)
    ResponseEntity<ProblemDetail> outcomeUnknown(CommandOutcomeUnknownException e) {
        log.warn("{}", e.getMessage());
        return Problems.retryLater(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "command-outcome-unknown", e.getMessage()),
                RETRY_AFTER_UNKNOWN_OUTCOME);
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException e) {
        return invalidValue(new InvalidValueException("header-required", e.getHeaderName(), e.getHeaderName() + " is required"));
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<ProblemDetail> payloadTooLarge(PayloadTooLargeException e) {
        return Problems.response(Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", e.getMessage()));
    }

    @Override
    protected ResponseEntity<ProblemDetail> unreadableBody(HttpMessageNotReadableException e) {
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof PayloadTooLargeException tooLarge) {
                return payloadTooLarge(tooLarge);
            }
        }
        return super.unreadableBody(e);
    }

    private ResponseEntity<ProblemDetail> rejection(RejectionDetails rejection) {
        if (rejection.kind() == DomainRejection.Kind.INVALID) {
            return invalidValue(new InvalidValueException(rejection.code(), null, rejection.message()));
        }
        ProblemDetail problem = Problems.of(statusOf(rejection.kind()), rejection.code(), rejection.message());
        return rejection.kind() == DomainRejection.Kind.BUSY ? Problems.retryLater(problem, RETRY_AFTER_BUSY) : Problems.response(problem);
    }

    private static HttpStatus statusOf(DomainRejection.Kind kind) {
        return switch (kind) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_ENTITY;
            case BUSY -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }
}
