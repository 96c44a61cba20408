package br.com.healthmed.query.support;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Beside the application's JDBC and Redis clients (the query side's accounts, {@code @Primary}, exactly what Spring
 * Boot would configure), the test's {@link StoreOwner} clients on the same addresses with the owner's rights.
 * Registered by {@link EmbeddedInfrastructureInitializer}.
 */
@Configuration(proxyBeanMethods = false)
class StoreOwnerConfig {

    /** One owner connection factory per Redis address and database, for the test JVM's lifetime. */
    private static final Map<String, LettuceConnectionFactory> OWNER_REDIS = new ConcurrentHashMap<>();

    @Bean
    @Primary
    JdbcClient jdbcClient(NamedParameterJdbcTemplate template) {
        return JdbcClient.create(template);
    }

    @Bean
    @StoreOwner
    JdbcClient ownerJdbcClient(@Value("${spring.datasource.url}") String url) {
        return JdbcClient.create(new SimpleDriverDataSource(new org.postgresql.Driver(), url, "postgres", "postgres"));
    }

    @Bean
    @Primary
    StringRedisTemplate stringRedisTemplate(RedisConnectionFactory connections) {
        return new StringRedisTemplate(connections);
    }

    /** The test server's default user, which keeps every right there (never in ./run.sh, compose or Kubernetes). */
    @Bean
    @StoreOwner
    StringRedisTemplate ownerRedis(@Value("${spring.data.redis.host}") String host,
                                   @Value("${spring.data.redis.port}") int port,
                                   @Value("${spring.data.redis.database:0}") int database) {
        LettuceConnectionFactory connections = OWNER_REDIS.computeIfAbsent(host + ":" + port + "/" + database, key -> {
            RedisStandaloneConfiguration address = new RedisStandaloneConfiguration(host, port);
            address.setDatabase(database);
            LettuceConnectionFactory factory = new LettuceConnectionFactory(address);
            factory.afterPropertiesSet();
            factory.start();
            return factory;
        });
        return new StringRedisTemplate(connections);
    }
}
