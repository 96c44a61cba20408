package br.com.healthmed.platform.web;

import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Builds the product's problem documents, on both sides: RFC 9457 plus a stable {@code code} that clients can switch on. */
public final class Problems {

    private static final String TYPE_BASE = "https://healthmed.com.br/problems/";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + code));
        problem.setProperty("code", code);
        String correlationId = MDC.get("correlationId");
        if (correlationId != null) {
            problem.setProperty("correlationId", correlationId);
        }
        // Put there by Micrometer Tracing for the request's span: support finds the request's trace from an answer.
        String traceId = MDC.get("traceId");
        if (traceId != null) {
            problem.setProperty("traceId", traceId);
        }
        return problem;
    }

    public static ProblemDetail withErrors(ProblemDetail problem, List<Map<String, String>> errors) {
        problem.setProperty("errors", errors);
        return problem;
    }

    public static ResponseEntity<ProblemDetail> response(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** A 503 or 429 the client may repeat after the given pause. */
    public static ResponseEntity<ProblemDetail> retryLater(ProblemDetail problem, Duration after) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds(after)).body(problem);
    }

    /**
     * The {@code Retry-After} value for a wait: whole seconds rounded up, so that a client waiting exactly this long
     * finds the window open; at least 1, and 1 when the wait is unknown.
     */
    public static String retryAfterSeconds(Duration after) {
        return after == null ? "1" : Long.toString(Math.max(1, (after.toMillis() + 999) / 1000));
    }
}
