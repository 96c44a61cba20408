package br.com.healthmed.platform.stores;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.function.Predicate;

/**
 * Tells a store that cannot be reached (PostgreSQL restarting, Redis down, a pool that found no connection in time)
 * from a fault in our own code, on both sides: the first is worth a 503 with Retry-After, clients may retry, and a
 * projection retries the event from its token; the second is a 500, or a dead letter for a projection (ADR 0015).
 */
public final class StoreFailures {

    public static final String STORE_UNAVAILABLE = "store-unavailable";
    public static final String MESSAGE = "A data store is unavailable right now; retry in a moment.";

    private StoreFailures() {
    }

    public static boolean unavailable(Throwable failure) {
        return unavailable(failure, t -> false);
    }

    /** As {@link #unavailable(Throwable)}, also counting what {@code alsoUnavailable} names (a side's own stores). */
    public static boolean unavailable(Throwable failure, Predicate<Throwable> alsoUnavailable) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (isUnavailable(t) || alsoUnavailable.test(t)) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static boolean isUnavailable(Throwable t) {
        return switch (t) {
            case DataAccessResourceFailureException ignored -> true;
            case TransientDataAccessException ignored -> true;
            case CannotCreateTransactionException ignored -> true;
            // Lettuce's "not connected" while Redis is away; a script error carries a RedisCommandExecutionException.
            case RedisSystemException redis -> !(redis.getCause() instanceof io.lettuce.core.RedisCommandExecutionException);
            case SQLTransientConnectionException ignored -> true;
            case SQLNonTransientConnectionException ignored -> true;
            case SQLRecoverableException ignored -> true;
            // Class 08: connection exceptions (a pooled connection that died with the server, too: "JDBC rollback
            // failed" right after PostgreSQL came back); 57P01-57P03: the server is shutting down or starting up.
            case SQLException sql -> sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"));
            case ConnectException ignored -> true;
            default -> false;
        };
    }
}
