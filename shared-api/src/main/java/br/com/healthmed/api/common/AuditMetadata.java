package br.com.healthmed.api.common;

/** Metadata keys that every command and event carries, so auditors can tell who did what, when. */
public final class AuditMetadata {

    public static final String USER_ID = "userId";
    public static final String ROLE = "role";
    public static final String CORRELATION_ID = "correlationId";
    /** The W3C trace id of the request that sent the command, so a history entry leads to the request's trace. */
    public static final String TRACE_ID = "traceId";

    /** The user id recorded for actions taken by the system itself (bootstrap, seeding). */
    public static final String SYSTEM_USER = "system";

    /** The role recorded with {@link #SYSTEM_USER} for what the system does on its own when time passes (deadlines). */
    public static final String SYSTEM_ROLE = "SYSTEM";

    private AuditMetadata() {
    }
}
