package br.com.healthmed.query.faults;

import com.mongodb.ServerAddress;
import com.mongodb.connection.ClusterId;
import com.mongodb.connection.ConnectionId;
import com.mongodb.connection.ServerId;
import com.mongodb.event.ServerHeartbeatFailedEvent;
import com.mongodb.event.ServerHeartbeatSucceededEvent;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

import java.net.SocketTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MongoHeartbeatTest {

    private static final ConnectionId MONITOR = new ConnectionId(new ServerId(new ClusterId(), new ServerAddress()));

    private final MongoHeartbeat heartbeat = new MongoHeartbeat(2);

    @Test
    void one_missed_heartbeat_is_not_enough_to_refuse_requests() {
        heartbeat.serverHeartbeatFailed(failed());

        assertThat(heartbeat.unreachable()).isFalse();
    }

    @Test
    void failures_in_a_row_make_mongodb_unreachable_until_a_heartbeat_succeeds() {
        heartbeat.serverHeartbeatFailed(failed());
        heartbeat.serverHeartbeatFailed(failed());
        assertThat(heartbeat.unreachable()).isTrue();

        heartbeat.serverHeartbeatSucceeded(succeeded());

        assertThat(heartbeat.unreachable()).isFalse();
    }

    @Test
    void a_success_between_failures_starts_the_count_again() {
        heartbeat.serverHeartbeatFailed(failed());
        heartbeat.serverHeartbeatSucceeded(succeeded());
        heartbeat.serverHeartbeatFailed(failed());

        assertThat(heartbeat.unreachable()).isFalse();
    }

    @Test
    void at_least_one_failure_is_required() {
        assertThatThrownBy(() -> new MongoHeartbeat(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static ServerHeartbeatFailedEvent failed() {
        return new ServerHeartbeatFailedEvent(MONITOR, 2_000_000_000L, false, new SocketTimeoutException("Read timed out"));
    }

    private static ServerHeartbeatSucceededEvent succeeded() {
        return new ServerHeartbeatSucceededEvent(MONITOR, new BsonDocument(), 1_000_000L, false);
    }
}
