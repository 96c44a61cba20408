package br.com.healthmed.query.projection;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.pooled.MaxSegmentProvider;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spreads each projection's segments over the running query-side replicas.
 * <p>
 * A pooled processor claims every unclaimed segment it sees, so the first replica to start would keep all of them and
 * the others would only stand by. Each replica therefore announces itself in {@code replica_heartbeat} and caps what
 * it claims at its fair share, {@code ceil(segments / live replicas)}; Axon's coordinator releases the surplus when the
 * cap drops, and another replica claims it. When a replica stops (or is killed) its heartbeat goes stale, the share of
 * the others grows, and they take over its segments once its claims time out. The cap is a {@link MaxSegmentProvider}
 * that Axon asks on every coordination round, so it changes without a restart.
 */
@Component
public class ProcessorSegmentBalancer implements MaxSegmentProvider {

    /** Token owners use the same name, so an operator can match heartbeats to claims in the token table. */
    private final String node = ManagementFactory.getRuntimeMXBean().getName();
    private final JdbcClient jdbc;
    private final TokenStore tokenStore;
    private final TokenSchema tokenSchema;
    private final Duration liveness;
    private final Map<String, Integer> shares = new ConcurrentHashMap<>();
    private volatile int liveReplicas = 1;

    ProcessorSegmentBalancer(JdbcClient jdbc, @Lazy TokenStore tokenStore, TokenSchema tokenSchema,
                             @Value("${healthmed.projections.replica-liveness:PT15S}") Duration liveness) {
        this.jdbc = jdbc;
        this.tokenStore = tokenStore;
        this.tokenSchema = tokenSchema;
        this.liveness = liveness;
    }

    /** The most segments this replica may hold of the processor; unlimited until the first heartbeat counted. */
    @Override
    public int getMaxSegments(String processorName) {
        return shares.getOrDefault(processorName, Integer.MAX_VALUE);
    }

    /** How many replicas the last heartbeat counted, this one included. */
    public int liveReplicas() {
        return liveReplicas;
    }

    /** Announces this replica, counts the live ones and recomputes every processor's share. */
    @Scheduled(fixedDelayString = "${healthmed.projections.heartbeat-interval:PT5S}")
    void heartbeat() {
        jdbc.sql("INSERT INTO query_side.replica_heartbeat (node, seen_at) VALUES (:node, now()) "
                        + "ON CONFLICT (node) DO UPDATE SET seen_at = now()")
                .param("node", node).update();
        int live = jdbc.sql("SELECT count(*) FROM query_side.replica_heartbeat "
                        + "WHERE seen_at > now() - make_interval(secs => :seconds)")
                .param("seconds", liveness.toMillis() / 1000.0).query(Integer.class).single();
        // Rows of replicas gone for good would otherwise pile up; an hour is far beyond any restart.
        jdbc.sql("DELETE FROM query_side.replica_heartbeat WHERE seen_at < now() - interval '1 hour'").update();
        liveReplicas = Math.max(1, live);
        for (String processor : processorNames()) {
            int segments = tokenStore.fetchSegments(processor).length;
            if (segments > 0) {
                shares.put(processor, (segments + liveReplicas - 1) / liveReplicas);
            }
        }
    }

    /** The processors with tokens in the store (each projection gets them on its first start). */
    private List<String> processorNames() {
        return jdbc.sql("SELECT DISTINCT " + tokenSchema.processorNameColumn() + " FROM " + tokenSchema.tokenTable())
                .query(String.class).list();
    }

    /** A replica that stops cleanly hands its share over at once instead of after the liveness window. */
    @PreDestroy
    void leave() {
        jdbc.sql("DELETE FROM query_side.replica_heartbeat WHERE node = :node").param("node", node).update();
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {

        @Bean
        ConfigurerModule processorSegmentBalancing(ProcessorSegmentBalancer balancer,
                @Value("${healthmed.projections.idle-segment-position-interval:PT0.5S}") Duration idlePositionInterval) {
            return configurer -> configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration(
                    (configuration, builder) -> shared(builder, balancer, idlePositionInterval));
        }

        /**
         * A segment that sees only other segments' events stores its position when it extends its claim, every 5 s by
         * Axon's default. Read-your-writes reads the positions of the segments another replica processes from the
         * token store, so with replicas a read waited up to 5 s for a segment that had nothing to do, and its 2 s
         * wait answered 503 {@code projections-behind} (README walkthrough through the gateway). Half a second costs
         * one token-row update per idle segment and half second.
         */
        static PooledStreamingEventProcessor.Builder shared(PooledStreamingEventProcessor.Builder builder,
                                                            ProcessorSegmentBalancer balancer, Duration idlePositionInterval) {
            return builder.maxSegmentProvider(balancer).claimExtensionThreshold(idlePositionInterval.toMillis());
        }
    }
}
