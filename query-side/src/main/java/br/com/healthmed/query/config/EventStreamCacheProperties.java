package br.com.healthmed.query.config;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The recent events the JDBC event store keeps in memory for the projections that follow the head of the stream, so
 * that they share one read of each new event instead of each querying PostgreSQL.
 *
 * @param cachedEvents how many of the newest events are kept. Axon's default is 10,000, and every cached event holds
 *                     its message and its own copy of the tracking token, whose gap list alone can run to hundreds of
 *                     entries after a large commit: tens of megabytes once full, which a soak of 30 minutes never
 *                     reaches, so the heap climbed for the whole run (docs/performance.md, issue 8 soak). The
 *                     projections run a few dozen events behind the head; one further behind reads PostgreSQL on its
 *                     own, as during a replay.
 */
@Validated
@ConfigurationProperties("healthmed.projections.event-stream")
public record EventStreamCacheProperties(@Min(1) @DefaultValue("1000") int cachedEvents) {
}
