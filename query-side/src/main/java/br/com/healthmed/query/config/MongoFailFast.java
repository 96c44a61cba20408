package br.com.healthmed.query.config;

import br.com.healthmed.query.faults.MongoReachability;
import br.com.healthmed.query.faults.ReachabilityGuardedDatabaseFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.mongo.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.MongoDatabaseFactory;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * Wires {@link MongoReachability} into the driver's monitor and wraps Spring Boot's database factory in
 * {@link ReachabilityGuardedDatabaseFactory}. Wrapped rather than replaced: declaring a factory of our own would switch
 * off Boot's MongoDB client configuration, which steps aside when one exists.
 */
@Configuration(proxyBeanMethods = false)
class MongoFailFast {

    @Bean
    MongoReachability mongoReachability(MongoTimeouts timeouts, Clock clock) {
        return new MongoReachability(timeouts.refuseAfterUnreachableFor(), clock);
    }

    @Bean
    MongoClientSettingsBuilderCustomizer reachabilityListener(MongoReachability reachability, MongoTimeouts timeouts) {
        return settings -> settings.applyToServerSettings(server -> server
                .heartbeatFrequency(timeouts.heartbeat().toMillis(), TimeUnit.MILLISECONDS)
                .addServerListener(reachability));
    }

    @Bean
    static BeanPostProcessor reachabilityGuardedDatabaseFactory(ObjectProvider<MongoReachability> reachability) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof MongoDatabaseFactory factory && !(bean instanceof ReachabilityGuardedDatabaseFactory)
                        ? new ReachabilityGuardedDatabaseFactory(factory, reachability.getObject())
                        : bean;
            }
        };
    }
}
