package br.com.healthmed.command.security;

import br.com.healthmed.api.common.AuditMetadata;
import org.slf4j.MDC;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The id that ties a request to the commands and events it caused. It is kept in the logging MDC under
 * {@value #MDC_KEY} for the duration of a request, so log lines and event metadata carry the same value.
 */
public final class CorrelationId {

    public static final String HEADER = "X-Correlation-Id";
    public static final String MDC_KEY = AuditMetadata.CORRELATION_ID;

    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private CorrelationId() {
    }

    /** A client's id is only taken when it is short and plain, so it cannot inject into logs or headers. */
    public static boolean isAcceptable(String candidate) {
        return candidate != null && ACCEPTED.matcher(candidate).matches();
    }

    public static String generate() {
        return UUID.randomUUID().toString();
    }

    public static Optional<String> current() {
        return Optional.ofNullable(MDC.get(MDC_KEY));
    }
}
