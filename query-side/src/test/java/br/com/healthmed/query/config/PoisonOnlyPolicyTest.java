package br.com.healthmed.query.config;

import com.mongodb.MongoTimeoutException;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PoisonOnlyPolicyTest {

    PoisonOnlyPolicy policy = new PoisonOnlyPolicy();
    EventMessage<?> event = GenericEventMessage.asEventMessage("an event");

    private GenericDeadLetter<EventMessage<?>> letter(Throwable cause) {
        return new GenericDeadLetter<>("sequence", event, cause);
    }

    @Test
    void a_failure_of_the_event_itself_is_parked() {
        IllegalStateException poison = new IllegalStateException("cannot project this");

        assertThat(policy.decide(letter(poison), poison).shouldEnqueue()).isTrue();
    }

    @Test
    void mongodb_away_is_rethrown_so_the_batch_is_retried_not_parked() {
        DataAccessResourceFailureException outage = new DataAccessResourceFailureException("Timed out",
                new MongoTimeoutException("no server"));

        assertThatThrownBy(() -> policy.decide(letter(outage), outage)).isSameAs(outage);
    }

    @Test
    void postgresql_away_is_rethrown_too_even_when_wrapped() {
        RuntimeException wrapped = new IllegalStateException("token store",
                new CannotCreateTransactionException("no connection", new SQLTransientConnectionException("timeout")));

        assertThatThrownBy(() -> policy.decide(letter(wrapped), wrapped)).isSameAs(wrapped);
    }
}
