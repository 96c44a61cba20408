package br.com.healthmed.command.consultation;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** coturn's TURN REST API scheme: username = expiry:userId, password = base64(HMAC-SHA1(secret, username)). */
class TurnCredentialsTest {

    private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);
    private static final UUID USER = UUID.fromString("0b8d2c3e-8f1a-4c55-9d6e-2a7f7f3c1b11");

    @Test
    void the_password_is_the_base64_hmac_sha1_of_the_username_as_openssl_computes_it() {
        // echo -n "1700003600:0b8d2c3e-8f1a-4c55-9d6e-2a7f7f3c1b11" | openssl dgst -sha1 -hmac "north-star-shared-secret" -binary | base64
        assertThat(TurnCredentials.password("north-star-shared-secret", "1700003600:" + USER))
                .isEqualTo("VIqQSZM7zfN/JvCN/WKmfQiXZiI=");
    }

    @Test
    void the_username_carries_the_expiry_in_unix_seconds_and_the_user_id() {
        TurnCredentials turn = new TurnCredentials(properties("north-star-shared-secret", Duration.ofHours(1)),
                Clock.fixed(NOW, ZoneOffset.UTC));

        TurnCredentials.IceServers servers = turn.forUser(USER);

        assertThat(servers.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        TurnCredentials.IceServer stun = servers.iceServers().getFirst();
        assertThat(stun.urls()).containsExactly("stun:turn.example.org:3478");
        assertThat(stun.username()).isNull();
        TurnCredentials.IceServer relay = servers.iceServers().get(1);
        assertThat(relay.username()).isEqualTo("1700003600:" + USER);
        assertThat(relay.credential()).isEqualTo("VIqQSZM7zfN/JvCN/WKmfQiXZiI=");
        assertThat(relay.toString()).as("never printed with its credential").doesNotContain(relay.credential());
    }

    @Test
    void another_moment_gives_another_password() {
        TurnCredentials later = new TurnCredentials(properties("north-star-shared-secret", Duration.ofHours(1)),
                Clock.fixed(NOW.plusSeconds(1), ZoneOffset.UTC));

        assertThat(later.forUser(USER).iceServers().get(1).credential()).isNotEqualTo("VIqQSZM7zfN/JvCN/WKmfQiXZiI=");
    }

    @Test
    void without_a_secret_only_stun_is_offered() {
        TurnCredentials stunOnly = new TurnCredentials(new TurnProperties("", List.of(), List.of("stun:stun.example.org"),
                Duration.ofHours(1)), Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(stunOnly.forUser(USER).iceServers()).singleElement()
                .satisfies(server -> assertThat(server.credential()).isNull());
    }

    @Test
    void turn_urls_without_a_secret_are_refused_at_start_up() {
        assertThatThrownBy(() -> new TurnProperties("", List.of("turn:turn.example.org"), List.of(), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static TurnProperties properties(String secret, Duration lifetime) {
        return new TurnProperties(secret, List.of("turn:turn.example.org:3478?transport=udp"),
                List.of("stun:turn.example.org:3478"), lifetime);
    }
}
