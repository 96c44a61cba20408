package br.com.healthmed.command.faults;

import br.com.healthmed.command.support.EmbeddedInfrastructureInitializer;
import br.com.healthmed.testing.FaultyLink;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;

/**
 * The command side on the embedded servers, with its PostgreSQL and Redis reached through {@link FaultyLink}s the
 * test can cut or hang. Cutting a link is, for this application, the server stopping (open connections end, new ones
 * are refused); the shared servers keep running for the other test contexts of the JVM.
 */
public class FaultyLinks extends EmbeddedInfrastructureInitializer {

    static FaultyLink postgres;
    static FaultyLink redis;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        super.initialize(context);
        var environment = context.getEnvironment();
        redis = FaultyLink.to(environment.getRequiredProperty("spring.data.redis.port", Integer.class));
        URI database = URI.create(environment.getRequiredProperty("spring.datasource.url").substring("jdbc:".length()));
        postgres = FaultyLink.to(database.getPort());
        TestPropertyValues.of(
                "spring.data.redis.port=" + redis.port(),
                "spring.datasource.url=jdbc:postgresql://127.0.0.1:" + postgres.port() + database.getPath()
        ).applyTo(context);
    }
}
