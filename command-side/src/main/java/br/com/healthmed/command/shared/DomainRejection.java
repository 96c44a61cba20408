package br.com.healthmed.command.shared;

/**
 * A command broke a business rule. Each rule has its own subclass with a stable {@code code}, which API clients see in
 * the problem document; {@code kind} decides the HTTP status once, in the web layer.
 */
public abstract class DomainRejection extends RuntimeException {

    public enum Kind {
        /** 400: the request itself is malformed or invalid. */
        INVALID,
        /** 403: the caller's role may not do this. */
        FORBIDDEN,
        /** 404: absent, or not the caller's to see. */
        NOT_FOUND,
        /** 409: the current state does not allow it. */
        CONFLICT,
        /** 422: understood, but it cannot be processed as asked. */
        UNPROCESSABLE,
        /** 503 with Retry-After: nothing was changed, and the same request may succeed a moment later. */
        BUSY
    }

    private final String code;
    private final Kind kind;

    protected DomainRejection(String code, Kind kind, String message) {
        super(message, null, false, false);
        this.code = code;
        this.kind = kind;
    }

    public String code() {
        return code;
    }

    public Kind kind() {
        return kind;
    }

    /** What crosses the command bus when the handler runs on another node (see {@link RejectionDetails}). */
    public RejectionDetails details() {
        return new RejectionDetails(code, kind, getMessage());
    }
}
