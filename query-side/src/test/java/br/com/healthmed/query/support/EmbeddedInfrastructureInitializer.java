package br.com.healthmed.query.support;

import br.com.healthmed.testing.SharedInfrastructure;
import br.com.healthmed.testing.StoreAccounts;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.annotation.AnnotatedBeanDefinitionReader;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points a test context at the JVM's embedded PostgreSQL (its own database, holding the command side's event store
 * schema), Redis and MongoDB emulator, with a fresh master key and the test token issuer's public key. The application
 * signs in with the query side's least-privilege accounts (ADR 0025); the test gets owner clients beside them
 * ({@link StoreOwner}).
 */
public class EmbeddedInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String MASTER_KEY_PROPERTY = "healthmed.privacy.master-key";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        var postgres = SharedInfrastructure.postgres();
        var redis = SharedInfrastructure.redis();
        var mongo = SharedInfrastructure.mongo();
        var accounts = SharedInfrastructure.accounts();
        String jdbcUrl = postgres.createUniqueDatabase("query");
        EventStoreSchema.migrate(jdbcUrl);
        StoreAccounts.prepareQuerySchema(jdbcUrl, "postgres", "postgres");
        TestPropertyValues.of(
                "spring.datasource.url=" + jdbcUrl,
                // Spring keeps many test contexts alive at once, all on one PostgreSQL: an idle context keeps one
                // connection, not a full pool (Hikari's default minimum), so the server's connection limit is not reached.
                "spring.datasource.hikari.minimum-idle=1",
                "spring.datasource.username=" + StoreAccounts.QUERY_DATABASE_ROLE,
                "spring.datasource.password=" + accounts.queryDatabasePassword(),
                "spring.data.redis.username=" + StoreAccounts.QUERY_REDIS_USER,
                "spring.data.redis.password=" + accounts.queryRedisPassword(),
                "healthmed.security.deny-list.redis-username=" + StoreAccounts.QUERY_DENY_LIST_REDIS_USER,
                "healthmed.security.deny-list.redis-password=" + accounts.queryDenyListRedisPassword(),
                "spring.data.redis.host=127.0.0.1",
                "spring.data.redis.port=" + redis.port(),
                "spring.data.redis.database=" + SharedInfrastructure.nextRedisDatabase(),
                "spring.data.mongodb.uri=" + mongo.uri(mongo.uniqueDatabase("query")),
                "healthmed.security.jwt.public-key=" + TestTokens.publicKeyPem()
        ).applyTo(context);
        if (context instanceof BeanDefinitionRegistry registry) {
            new AnnotatedBeanDefinitionReader(registry).register(StoreOwnerConfig.class);
        }
        // A test that reads data sealed elsewhere (a recorded event store) brings its own master key.
        if (context.getEnvironment().getProperty(MASTER_KEY_PROPERTY, "").isBlank()) {
            TestPropertyValues.of(MASTER_KEY_PROPERTY + "=" + PersonKeys.randomMasterKey()).applyTo(context);
        }
    }
}
