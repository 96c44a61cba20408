package br.com.healthmed.query.faults;

import br.com.healthmed.testing.MovableClock;
import com.mongodb.ServerAddress;
import com.mongodb.connection.ClusterId;
import com.mongodb.connection.ServerConnectionState;
import com.mongodb.connection.ServerDescription;
import com.mongodb.connection.ServerId;
import com.mongodb.connection.ServerType;
import com.mongodb.event.ServerDescriptionChangedEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class MongoReachabilityTest {

    private static final ServerId SERVER = new ServerId(new ClusterId(), new ServerAddress());

    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-01T12:00:00Z"));
    private final MongoReachability reachability = new MongoReachability(Duration.ofSeconds(2), clock);

    @Test
    void a_server_the_monitor_just_lost_is_still_waited_for() {
        reachability.serverDescriptionChanged(change(ServerType.STANDALONE, ServerType.UNKNOWN));
        clock.advance(Duration.ofMillis(1_999));

        assertThat(reachability.unreachable()).isFalse();
    }

    @Test
    void a_server_out_of_reach_for_the_whole_delay_is_refused_until_the_monitor_finds_it_again() {
        reachability.serverDescriptionChanged(change(ServerType.STANDALONE, ServerType.UNKNOWN));
        clock.advance(Duration.ofSeconds(1));
        reachability.serverDescriptionChanged(change(ServerType.UNKNOWN, ServerType.UNKNOWN));
        clock.advance(Duration.ofSeconds(1));
        assertThat(reachability.unreachable()).as("counted from the first time it was lost").isTrue();

        reachability.serverDescriptionChanged(change(ServerType.UNKNOWN, ServerType.STANDALONE));

        assertThat(reachability.unreachable()).isFalse();
    }

    @Test
    void a_server_found_again_within_the_delay_starts_the_count_again() {
        reachability.serverDescriptionChanged(change(ServerType.STANDALONE, ServerType.UNKNOWN));
        clock.advance(Duration.ofSeconds(1));
        reachability.serverDescriptionChanged(change(ServerType.UNKNOWN, ServerType.STANDALONE));
        reachability.serverDescriptionChanged(change(ServerType.STANDALONE, ServerType.UNKNOWN));
        clock.advance(Duration.ofSeconds(1));

        assertThat(reachability.unreachable()).isFalse();
    }

    @Test
    void a_server_never_lost_is_reachable() {
        clock.advance(Duration.ofHours(1));

        assertThat(reachability.unreachable()).isFalse();
    }

    private static ServerDescriptionChangedEvent change(ServerType from, ServerType to) {
        return new ServerDescriptionChangedEvent(SERVER, description(to), description(from));
    }

    private static ServerDescription description(ServerType type) {
        return ServerDescription.builder().address(SERVER.getAddress()).type(type)
                .state(type == ServerType.UNKNOWN ? ServerConnectionState.CONNECTING : ServerConnectionState.CONNECTED)
                .build();
    }
}
