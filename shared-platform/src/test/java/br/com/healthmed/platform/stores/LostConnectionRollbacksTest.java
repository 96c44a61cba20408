package br.com.healthmed.platform.stores;

import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LostConnectionRollbacksTest {

    private final List<String> calls = new ArrayList<>();

    @Test
    void a_rollback_on_a_connection_the_pool_closed_is_not_a_failure_so_the_statements_own_failure_reaches_the_caller() {
        TransactionManager manager = LostConnectionRollbacks.tolerant(rollbackFailingWith(
                new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"))));
        SQLException statementFailure = new SQLException("An I/O error occurred while sending to the backend.", "08006");

        assertThatThrownBy(() -> manager.fetchInTransaction(() -> {
            throw new IllegalStateException(statementFailure);
        })).hasCause(statementFailure);
        assertThat(calls).containsExactly("rollback");
    }

    @Test
    void a_rollback_that_fails_on_a_broken_connection_is_tolerated_too() {
        TransactionManager manager = LostConnectionRollbacks.tolerant(rollbackFailingWith(
                new TransactionSystemException("JDBC rollback failed", new SQLTransientConnectionException("gone", "08003"))));

        manager.startTransaction().rollback();

        assertThat(calls).containsExactly("rollback");
    }

    @Test
    void any_other_rollback_failure_still_fails() {
        TransactionSystemException failure = new TransactionSystemException("JDBC rollback failed",
                new SQLException("deadlock detected", "40P01"));
        TransactionManager manager = LostConnectionRollbacks.tolerant(rollbackFailingWith(failure));

        assertThatThrownBy(() -> manager.startTransaction().rollback()).isSameAs(failure);
    }

    @Test
    void a_commit_that_fails_on_a_lost_connection_is_a_store_failure_not_an_unexpected_one() {
        TransactionSystemException rollbackFailure = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        TransactionManager manager = () -> new Transaction() {
            @Override
            public void commit() {
                throw rollbackFailure;
            }

            @Override
            public void rollback() {
                calls.add("rollback");
            }
        };

        assertThatThrownBy(() -> LostConnectionRollbacks.tolerant(manager).fetchInTransaction(() -> "read"))
                .isInstanceOf(DataAccessResourceFailureException.class).hasCause(rollbackFailure);
    }

    @Test
    void commits_are_passed_through() {
        TransactionManager manager = LostConnectionRollbacks.tolerant(rollbackFailingWith(new TransactionSystemException("unused")));

        assertThat(manager.fetchInTransaction(() -> "done")).isEqualTo("done");
        assertThat(calls).containsExactly("commit");
    }

    private TransactionManager rollbackFailingWith(RuntimeException failure) {
        return () -> new Transaction() {
            @Override
            public void commit() {
                calls.add("commit");
            }

            @Override
            public void rollback() {
                calls.add("rollback");
                throw failure;
            }
        };
    }
}
