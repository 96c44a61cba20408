package br.com.healthmed.query.config;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.autoconfigure.mongo.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The MongoDB driver waits 30 s by default to find a server and has no read timeout at all: a query against a MongoDB
 * that is down or hanging would hold its request past the gateway's 30 s. These bound it (ADR 0015).
 *
 * @param serverSelection how long an operation waits for a reachable server before failing (then: 503)
 * @param connect         how long opening a connection may take
 * @param read            how long an answer may take on an open connection; read-model queries answer in milliseconds
 * @param heartbeat       how often the driver's monitor checks that MongoDB answers (every 0.5 s once it did not); a
 *                        check waits for the connect timeout, so a hung MongoDB is noticed within heartbeat + connect
 * @param refuseAfterUnreachableFor how long MongoDB may stay out of the monitor's reach before requests are refused
 *                        at once, rather than each waiting for server selection or a hung server's read timeout
 */
@Validated
@ConfigurationProperties("healthmed.mongo.timeouts")
public record MongoTimeouts(@NotNull @DefaultValue("PT2S") Duration serverSelection,
                            @NotNull @DefaultValue("PT2S") Duration connect,
                            @NotNull @DefaultValue("PT10S") Duration read,
                            @NotNull @DefaultValue("PT2S") Duration heartbeat,
                            @NotNull @DefaultValue("PT2S") Duration refuseAfterUnreachableFor) {

    @Configuration(proxyBeanMethods = false)
    static class Customizer {

        @Bean
        MongoClientSettingsBuilderCustomizer boundedMongoWaits(MongoTimeouts timeouts) {
            return settings -> settings
                    .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(
                            timeouts.serverSelection().toMillis(), TimeUnit.MILLISECONDS))
                    .applyToSocketSettings(socket -> socket
                            .connectTimeout((int) timeouts.connect().toMillis(), TimeUnit.MILLISECONDS)
                            .readTimeout((int) timeouts.read().toMillis(), TimeUnit.MILLISECONDS));
        }
    }
}
