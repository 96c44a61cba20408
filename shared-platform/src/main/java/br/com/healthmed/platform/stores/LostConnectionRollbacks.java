package br.com.healthmed.platform.stores;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;

/**
 * Axon's transaction manager (the one its auto-configuration would make), except that a rollback on a connection
 * PostgreSQL already dropped is not a failure of its own. When PostgreSQL goes away mid-request, the statement fails
 * with SQLSTATE 08006, Hikari closes the broken connection, and the rollback that follows fails with "Connection is
 * closed" (no SQLSTATE). Axon rethrows that rollback failure in place of the statement's (and Spring in place of a
 * failed commit's), so the client got a 500 instead of 503 {@code store-unavailable}, on either side (the query side's
 * read-your-writes reads the event store's head). Nothing is lost by not rolling back: PostgreSQL discards an
 * uncommitted transaction when its session ends, and the statement's failure still reaches the caller.
 */
@Configuration(proxyBeanMethods = false)
public class LostConnectionRollbacks {

    private static final Logger log = LoggerFactory.getLogger(LostConnectionRollbacks.class);

    /** Hikari's message for any call on a connection it has closed; it carries no SQLSTATE. */
    private static final String POOL_CLOSED = "Connection is closed";

    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return tolerant(new SpringTransactionManager(transactionManager));
    }

    static TransactionManager tolerant(TransactionManager delegate) {
        return () -> {
            Transaction transaction = delegate.startTransaction();
            return new Transaction() {
                /**
                 * A commit on a dropped connection: Spring tries to roll back, fails the same way, and throws that
                 * instead. The commit's outcome is not known, so it is still a failure, named as the store's.
                 */
                @Override
                public void commit() {
                    try {
                        transaction.commit();
                    } catch (TransactionSystemException failure) {
                        if (!connectionLost(failure)) {
                            throw failure;
                        }
                        throw new DataAccessResourceFailureException(
                                "the connection to PostgreSQL was lost while committing; the outcome is not known", failure);
                    }
                }

                @Override
                public void rollback() {
                    try {
                        transaction.rollback();
                    } catch (TransactionSystemException failure) {
                        if (!connectionLost(failure)) {
                            throw failure;
                        }
                        log.debug("Rollback skipped, the connection was already lost: {}", failure.getMessage());
                    }
                }
            };
        };
    }

    static boolean connectionLost(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && (POOL_CLOSED.equals(sql.getMessage())
                    || sql.getSQLState() != null && sql.getSQLState().startsWith("08"))) {
                return true;
            }
        }
        return false;
    }
}
