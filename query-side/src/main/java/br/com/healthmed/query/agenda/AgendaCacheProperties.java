package br.com.healthmed.query.agenda;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * @param ttl              how long an agenda stays cached; also the longest a stale entry could survive if an
 *                         invalidation were lost together with the replica that owed it
 * @param failureThreshold Redis failures in a row that open the breaker: reads then go straight to MongoDB
 * @param openFor          how long the breaker stays open before one trial call
 * @param retryInterval    how often a replica that could not tell Redis about a change tries again
 */
@Validated
@ConfigurationProperties("healthmed.agenda-cache")
public record AgendaCacheProperties(@NotNull @DefaultValue("PT5M") Duration ttl,
                                    @Min(1) @DefaultValue("3") int failureThreshold,
                                    @NotNull @DefaultValue("PT5S") Duration openFor,
                                    @NotNull @DefaultValue("PT2S") Duration retryInterval) {
}
