package br.com.healthmed.query.support;

import br.com.healthmed.testing.SharedInfrastructure;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points a test context at the JVM's embedded PostgreSQL (its own database, holding the command side's event store
 * schema), Redis and MongoDB emulator, with a fresh master key and the test token issuer's public key.
 */
public class EmbeddedInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String MASTER_KEY_PROPERTY = "healthmed.privacy.master-key";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        var postgres = SharedInfrastructure.postgres();
        var redis = SharedInfrastructure.redis();
        var mongo = SharedInfrastructure.mongo();
        String jdbcUrl = postgres.createUniqueDatabase("query");
        EventStoreSchema.migrate(jdbcUrl);
        TestPropertyValues.of(
                "spring.datasource.url=" + jdbcUrl,
                // Spring keeps many test contexts alive at once, all on one PostgreSQL: an idle context keeps one
                // connection, not a full pool (Hikari's default minimum), so the server's connection limit is not reached.
                "spring.datasource.hikari.minimum-idle=1",
                "spring.datasource.username=postgres",
                "spring.datasource.password=postgres",
                "spring.data.redis.host=127.0.0.1",
                "spring.data.redis.port=" + redis.port(),
                "spring.data.redis.database=" + SharedInfrastructure.nextRedisDatabase(),
                "spring.data.mongodb.uri=" + mongo.uri(mongo.uniqueDatabase("query")),
                "healthmed.security.jwt.public-key=" + TestTokens.publicKeyPem()
        ).applyTo(context);
        // A test that reads data sealed elsewhere (a recorded event store) brings its own master key.
        if (context.getEnvironment().getProperty(MASTER_KEY_PROPERTY, "").isBlank()) {
            TestPropertyValues.of(MASTER_KEY_PROPERTY + "=" + PersonKeys.randomMasterKey()).applyTo(context);
        }
    }
}
