package br.com.healthmed.query.consistency;

/** Too many reads of this replica are already waiting for the projections: answered 503 with Retry-After. */
public class ConsistencyWaitBusyException extends RuntimeException {

    ConsistencyWaitBusyException() {
        super("too many reads are waiting for recent changes right now; retry shortly", null, false, false);
    }
}
