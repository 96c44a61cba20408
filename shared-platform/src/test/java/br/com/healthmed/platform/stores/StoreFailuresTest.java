package br.com.healthmed.platform.stores;

import io.lettuce.core.RedisCommandExecutionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.transaction.TransactionSystemException;

import java.net.ConnectException;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

class StoreFailuresTest {

    @Test
    void a_rollback_on_a_connection_that_died_with_the_server_is_an_outage() {
        var rollback = new TransactionSystemException("JDBC rollback failed",
                new SQLException("This connection has been closed.", "08003"));

        assertThat(StoreFailures.unavailable(rollback)).isTrue();
    }

    @Test
    void a_server_starting_up_or_refusing_connections_is_an_outage() {
        assertThat(StoreFailures.unavailable(new IllegalStateException(new SQLException("starting up", "57P03")))).isTrue();
        assertThat(StoreFailures.unavailable(new RuntimeException(new ConnectException("refused")))).isTrue();
        assertThat(StoreFailures.unavailable(new RedisSystemException("not connected", new IllegalStateException()))).isTrue();
    }

    @Test
    void our_own_faults_are_not_outages() {
        assertThat(StoreFailures.unavailable(new IllegalStateException("bug"))).isFalse();
        assertThat(StoreFailures.unavailable(new DataIntegrityViolationException("duplicate key"))).isFalse();
        assertThat(StoreFailures.unavailable(new SQLException("syntax error", "42601"))).isFalse();
        assertThat(StoreFailures.unavailable(new RedisSystemException("script failed",
                new RedisCommandExecutionException("ERR")))).isFalse();
    }

    @Test
    void a_side_names_its_own_stores() {
        class MongoGone extends RuntimeException {
        }
        var failure = new IllegalStateException(new MongoGone());

        assertThat(StoreFailures.unavailable(failure)).isFalse();
        assertThat(StoreFailures.unavailable(failure, MongoGone.class::isInstance)).isTrue();
    }
}
