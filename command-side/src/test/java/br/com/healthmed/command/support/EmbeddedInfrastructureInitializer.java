package br.com.healthmed.command.support;

import br.com.healthmed.testing.SharedInfrastructure;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import java.security.SecureRandom;
import java.util.Base64;

/** Points a test context at the JVM's embedded PostgreSQL and Redis, with its own database and fresh secrets. */
public class EmbeddedInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        var postgres = SharedInfrastructure.postgres();
        var redis = SharedInfrastructure.redis();
        TestPropertyValues.of(
                "spring.datasource.url=" + postgres.createUniqueDatabase("command"),
                "spring.datasource.username=postgres",
                "spring.datasource.password=postgres",
                "spring.data.redis.host=127.0.0.1",
                "spring.data.redis.port=" + redis.port(),
                "spring.data.redis.database=" + SharedInfrastructure.nextRedisDatabase(),
                "healthmed.privacy.master-key=" + randomKey(),
                "healthmed.privacy.lookup-key=" + randomKey(),
                "healthmed.admin.email=" + Scenario.ADMIN_EMAIL,
                "healthmed.admin.password=" + Scenario.ADMIN_PASSWORD
        ).applyTo(context);
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
