package br.com.healthmed.platform.security;

import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisPassword;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The deny-list reader's connection is the application's, but for who signs in (ADR 0034). No server is contacted. */
class DenyListConnectionTest {

    private static final DenyListProperties READER = new DenyListProperties("query-side-deny-list", "reader-password");
    private static final LettuceClientConfiguration TLS_AND_TIMEOUT = LettuceClientConfiguration.builder()
            .useSsl().and().commandTimeout(Duration.ofMillis(250)).build();

    @Test
    void without_a_user_of_its_own_the_deny_list_goes_through_the_applications_client() {
        LettuceConnectionFactory application = new LettuceConnectionFactory(new RedisStandaloneConfiguration("redis", 6380));
        StringRedisTemplate applicationRedis = new StringRedisTemplate(application);

        for (DenyListProperties unset : List.of(new DenyListProperties(null, null), new DenyListProperties(" ", "x"))) {
            DenyListConnection connection = DenyListConnection.of(unset, applicationRedis, application);
            assertThat(connection.hasOwnUser()).isFalse();
            assertThat(connection.redis()).isSameAs(applicationRedis);
            connection.destroy();
        }
    }

    @Test
    void on_a_standalone_server_it_keeps_address_database_and_client_options_and_changes_the_credentials() {
        RedisStandaloneConfiguration server = new RedisStandaloneConfiguration("redis.internal", 6380);
        server.setDatabase(7);
        server.setUsername("query-side");
        server.setPassword(RedisPassword.of("cache-password"));
        LettuceConnectionFactory application = new LettuceConnectionFactory(server, TLS_AND_TIMEOUT);

        DenyListConnection connection = DenyListConnection.of(READER, new StringRedisTemplate(application), application);
        try {
            assertThat(connection.hasOwnUser()).isTrue();
            LettuceConnectionFactory own = (LettuceConnectionFactory) connection.redis().getConnectionFactory();
            assertThat(own).isNotSameAs(application);
            RedisStandaloneConfiguration reader = own.getStandaloneConfiguration();
            assertThat(reader.getHostName()).isEqualTo("redis.internal");
            assertThat(reader.getPort()).isEqualTo(6380);
            assertThat(reader.getDatabase()).isEqualTo(7);
            assertThat(reader.getUsername()).isEqualTo("query-side-deny-list");
            assertThat(reader.getPassword()).isEqualTo(RedisPassword.of("reader-password"));
            assertThat(own.getClientConfiguration()).isSameAs(TLS_AND_TIMEOUT);
            assertThat(server.getUsername()).as("the application's own user is untouched").isEqualTo("query-side");
        } finally {
            connection.destroy();
        }
    }

    @Test
    void behind_sentinels_it_asks_the_same_sentinels_for_the_same_master() {
        RedisSentinelConfiguration sentinels = new RedisSentinelConfiguration("healthmed", Set.of("s1:26379", "s2:26379"));
        sentinels.setDatabase(3);
        sentinels.setSentinelPassword(RedisPassword.of("sentinel-password"));
        LettuceConnectionFactory application = new LettuceConnectionFactory(sentinels, TLS_AND_TIMEOUT);

        DenyListConnection connection = DenyListConnection.of(READER, new StringRedisTemplate(application), application);
        try {
            RedisSentinelConfiguration reader = ((LettuceConnectionFactory) connection.redis().getConnectionFactory())
                    .getSentinelConfiguration();
            assertThat(reader).isNotNull();
            assertThat(reader.getMaster().getName()).isEqualTo("healthmed");
            assertThat(reader.getSentinels()).containsExactlyInAnyOrderElementsOf(sentinels.getSentinels());
            assertThat(reader.getSentinelPassword()).isEqualTo(RedisPassword.of("sentinel-password"));
            assertThat(reader.getDatabase()).isEqualTo(3);
            assertThat(reader.getUsername()).isEqualTo("query-side-deny-list");
            assertThat(reader.getPassword()).isEqualTo(RedisPassword.of("reader-password"));
        } finally {
            connection.destroy();
        }
    }

    @Test
    void a_cluster_is_refused_at_start_up_rather_than_read_with_the_wrong_user() {
        LettuceConnectionFactory application = new LettuceConnectionFactory(new RedisClusterConfiguration(List.of("c1:6379")));

        assertThatThrownBy(() -> DenyListConnection.of(READER, new StringRedisTemplate(application), application))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("healthmed.security.deny-list.redis-username");
    }
}
