package br.com.healthmed.command.notification;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * E-mail notifications (ADR 0013); active only where an SMTP server is configured ({@code spring.mail.host}).
 *
 * @param from              the sender address
 * @param apiBaseUrl        the public address of the command API, for the accept and reject links
 * @param sendAttempts      SMTP attempts while handling an event, before it goes to the dead-letter queue
 * @param firstBackoff      wait after the first failed attempt; it doubles after each failure, here and in redelivery
 * @param maxBackoff        the longest such wait
 * @param maxFailures       failed handlings (first one and redeliveries) after which a notification stays parked in
 *                          the dead-letter queue until an ADMIN retries or evicts it
 * @param redeliveryCheck   how often dead letters whose back-off has passed are tried again
 * @param maxAge            an event older than this when handled is not mailed: a new processor reading history
 *                          does not mail the past (nor does a retry of a dead letter older than this)
 */
@Validated
@ConfigurationProperties("healthmed.notifications")
public record NotificationProperties(
        @NotBlank @DefaultValue("Health&Med <nao-responda@healthmed.local>") String from,
        @NotBlank @DefaultValue("http://localhost:8081") String apiBaseUrl,
        @Min(1) @DefaultValue("3") int sendAttempts,
        @NotNull @DefaultValue("PT1S") Duration firstBackoff,
        @NotNull @DefaultValue("PT5M") Duration maxBackoff,
        @Min(1) @DefaultValue("8") int maxFailures,
        @NotNull @DefaultValue("PT15S") Duration redeliveryCheck,
        @NotNull @DefaultValue("P7D") Duration maxAge) {

    /** The wait after {@code failures} failed tries: first-backoff, doubled each time, at most max-backoff. */
    Duration backoffAfter(int failures) {
        Duration wait = firstBackoff;
        for (int i = 1; i < failures && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
