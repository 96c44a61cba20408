package br.com.healthmed.query.config;

import br.com.healthmed.query.faults.HeartbeatGuardedDatabaseFactory;
import br.com.healthmed.query.faults.MongoHeartbeat;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.mongo.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.MongoDatabaseFactory;

import java.util.concurrent.TimeUnit;

/**
 * Wires {@link MongoHeartbeat} into the driver's monitor and wraps Spring Boot's database factory in
 * {@link HeartbeatGuardedDatabaseFactory}. Wrapped rather than replaced: declaring a factory of our own would switch
 * off Boot's MongoDB client configuration, which steps aside when one exists.
 */
@Configuration(proxyBeanMethods = false)
class MongoFailFast {

    @Bean
    MongoHeartbeat mongoHeartbeat(MongoTimeouts timeouts) {
        return new MongoHeartbeat(timeouts.heartbeatFailuresBeforeUnreachable());
    }

    @Bean
    MongoClientSettingsBuilderCustomizer heartbeatListener(MongoHeartbeat heartbeat, MongoTimeouts timeouts) {
        return settings -> settings.applyToServerSettings(server -> server
                .heartbeatFrequency(timeouts.heartbeat().toMillis(), TimeUnit.MILLISECONDS)
                .addServerMonitorListener(heartbeat));
    }

    @Bean
    static BeanPostProcessor heartbeatGuardedDatabaseFactory(ObjectProvider<MongoHeartbeat> heartbeat) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof MongoDatabaseFactory factory && !(bean instanceof HeartbeatGuardedDatabaseFactory)
                        ? new HeartbeatGuardedDatabaseFactory(factory, heartbeat.getObject())
                        : bean;
            }
        };
    }
}
