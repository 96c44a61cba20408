package br.com.healthmed.query.faults;

import br.com.healthmed.query.support.EmbeddedInfrastructureInitializer;
import br.com.healthmed.testing.FaultyLink;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;

/**
 * The query side on the embedded servers, with its PostgreSQL, Redis and MongoDB reached through {@link FaultyLink}s
 * the test can cut or hang; the servers themselves stay up for the other test contexts of the JVM.
 */
public class FaultyLinks extends EmbeddedInfrastructureInitializer {

    static FaultyLink postgres;
    static FaultyLink redis;
    static FaultyLink mongo;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        super.initialize(context);
        var environment = context.getEnvironment();
        redis = FaultyLink.to(environment.getRequiredProperty("spring.data.redis.port", Integer.class));
        URI mongoUri = URI.create(environment.getRequiredProperty("spring.data.mongodb.uri"));
        mongo = FaultyLink.to(mongoUri.getPort());
        URI database = URI.create(environment.getRequiredProperty("spring.datasource.url").substring("jdbc:".length()));
        postgres = FaultyLink.to(database.getPort());
        TestPropertyValues.of(
                "spring.datasource.url=jdbc:postgresql://127.0.0.1:" + postgres.port() + database.getPath(),
                "spring.data.redis.port=" + redis.port(),
                "spring.data.mongodb.uri=mongodb://127.0.0.1:" + mongo.port() + mongoUri.getPath()
        ).applyTo(context);
    }
}
