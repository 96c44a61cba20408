package br.com.healthmed.query.doctor;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The search cache in Redis (ADR 0035).
 *
 * @param ttl                how long a search page stays cached: the longest a page could be served after a change whose
 *                           invalidation was lost (Redis unreachable from the replica that projected it while the others
 *                           still read it); {@code PT0S} turns the cache off
 * @param maxEntryBytes      larger pages are not cached (they are rare: {@code size} up to 100)
 * @param maxWritesPerSecond pages one replica may add per second; with the TTL and the entry size this bounds the
 *                           memory the cache can take however many distinct searches clients make up
 * @param failureThreshold   Redis failures in a row that open the breaker: searches then go straight to MongoDB
 * @param openFor            how long the breaker stays open before one trial call
 * @param retryInterval      how often a replica that could not tell Redis about a change tries again
 */
@Validated
@ConfigurationProperties("healthmed.search-cache")
public record SearchCacheProperties(@NotNull @DefaultValue("PT30S") Duration ttl,
                                    @Min(1) @DefaultValue("32768") int maxEntryBytes,
                                    @Min(1) @DefaultValue("100") int maxWritesPerSecond,
                                    @Min(1) @DefaultValue("3") int failureThreshold,
                                    @NotNull @DefaultValue("PT5S") Duration openFor,
                                    @NotNull @DefaultValue("PT2S") Duration retryInterval) {

    public SearchCacheProperties {
        if (ttl != null && ttl.isNegative()) {
            throw new IllegalArgumentException("healthmed.search-cache.ttl must not be negative");
        }
    }

    boolean enabled() {
        return ttl.isPositive();
    }
}
