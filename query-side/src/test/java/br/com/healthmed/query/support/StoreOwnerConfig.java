package br.com.healthmed.query.support;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
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
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Beside the application's JDBC and Redis clients (the query side's accounts, {@code @Primary}, exactly what Spring
 * Boot would configure), the test's {@link StoreOwner} clients on the same addresses with the owner's rights.
 * Events a test publishes are appended as the command side appends them, with the owner's account; the application
 * reads them with its own (see {@link #eventStorageEngine}). Registered by {@link EmbeddedInfrastructureInitializer}.
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
        return JdbcClient.create(new DriverManagerDataSource(url, "postgres", "postgres"));
    }

    /**
     * Axon's JDBC engine as its auto-configuration builds it (same serializers, upcasters, schema, the application's
     * connections), except that appending goes through the owner's connection: the query side's role may not write
     * the event store, and tests append events to it as the command side would ({@link EventLog}).
     */
    @Bean
    EventStorageEngine eventStorageEngine(Serializer defaultSerializer, PersistenceExceptionResolver persistenceExceptionResolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          org.axonframework.config.Configuration configuration,
                                          ConnectionProvider connectionProvider, TransactionManager transactionManager,
                                          EventSchema eventSchema, @Value("${spring.datasource.url}") String url) {
        JdbcEventStorageEngine owner = JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .connectionProvider(new DataSourceConnectionProvider(new DriverManagerDataSource(url, "postgres", "postgres")))
                .transactionManager(NoTransactionManager.INSTANCE)
                .schema(eventSchema)
                .build();
        return new OwnerAppendingEngine(JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema), owner);
    }

    /** Reads with the application's connections, appends with the owner's. */
    static final class OwnerAppendingEngine extends JdbcEventStorageEngine {

        private final JdbcEventStorageEngine owner;

        OwnerAppendingEngine(JdbcEventStorageEngine.Builder builder, JdbcEventStorageEngine owner) {
            super(builder);
            this.owner = owner;
        }

        @Override
        protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
            owner.appendEvents(events);
        }

        @Override
        protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
            owner.storeSnapshot(snapshot);
        }
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
