package br.com.healthmed.platform.security;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisPassword;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The Redis client {@link RevokedAccessTokens} goes through: the application's own, or, with
 * {@link DenyListProperties#redisUsername()} set, a second connection to the same server (or Sentinels), database,
 * timeouts, TLS and client options signed in as the deny-list reader (ADR 0034). It is not a
 * {@link RedisConnectionFactory} bean, so
 * Spring Boot's Redis auto-configuration, health check and every other client keep the application's user.
 */
public final class DenyListConnection implements DisposableBean {

    private final StringRedisTemplate redis;
    private final LettuceConnectionFactory ownConnections;

    private DenyListConnection(StringRedisTemplate redis, LettuceConnectionFactory ownConnections) {
        this.redis = redis;
        this.ownConnections = ownConnections;
    }

    static DenyListConnection of(DenyListProperties properties, StringRedisTemplate applicationRedis,
                                 RedisConnectionFactory applicationConnections) {
        if (!properties.hasOwnUser()) {
            return new DenyListConnection(applicationRedis, null);
        }
        if (!(applicationConnections instanceof LettuceConnectionFactory application)
                || application.getClusterConfiguration() != null) {
            throw new IllegalStateException("healthmed.security.deny-list.redis-username needs a standalone or Sentinel"
                    + " Redis reached through Lettuce; this application has " + applicationConnections);
        }
        RedisPassword password = RedisPassword.of(properties.redisPassword());
        LettuceConnectionFactory own;
        if (application.getSentinelConfiguration() != null) {
            RedisSentinelConfiguration sentinels = application.getSentinelConfiguration();
            RedisSentinelConfiguration same = new RedisSentinelConfiguration();
            same.setMaster(sentinels.getMaster());
            sentinels.getSentinels().forEach(same::addSentinel);
            same.setSentinelUsername(sentinels.getSentinelUsername());
            same.setSentinelPassword(sentinels.getSentinelPassword());
            same.setDatabase(sentinels.getDatabase());
            same.setUsername(properties.redisUsername());
            same.setPassword(password);
            own = new LettuceConnectionFactory(same, application.getClientConfiguration());
        } else {
            RedisStandaloneConfiguration server = application.getStandaloneConfiguration();
            RedisStandaloneConfiguration same = new RedisStandaloneConfiguration(server.getHostName(), server.getPort());
            same.setDatabase(server.getDatabase());
            same.setUsername(properties.redisUsername());
            same.setPassword(password);
            own = new LettuceConnectionFactory(same, application.getClientConfiguration());
        }
        own.afterPropertiesSet();
        own.start();
        return new DenyListConnection(new StringRedisTemplate(own), own);
    }

    /** The client to read (and, on the command side, write) the deny-list with. */
    public StringRedisTemplate redis() {
        return redis;
    }

    /** Whether the deny-list is read with a Redis user of its own rather than the application's. */
    public boolean hasOwnUser() {
        return ownConnections != null;
    }

    @Override
    public void destroy() {
        if (ownConnections != null) {
            ownConnections.destroy();
        }
    }
}
