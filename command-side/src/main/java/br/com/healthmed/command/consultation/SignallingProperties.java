package br.com.healthmed.command.consultation;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * The signalling WebSocket's limits (ADR 0027).
 *
 * @param ticketLifetime     how long a room ticket can be redeemed at the handshake (once)
 * @param maxMessageBytes    the largest text message a participant may send; larger closes the connection (1009)
 * @param maxMessages        messages one connection may send per {@code rateWindow}; more closes it (4429)
 * @param rateWindow         the window of {@code maxMessages}
 * @param heartbeatInterval  how often the server pings every connection
 * @param heartbeatTimeout   a connection silent this long (no pong, no message) is closed (4408)
 */
@Validated
@ConfigurationProperties("healthmed.consultation.signalling")
public record SignallingProperties(
        @NotNull @DefaultValue("PT30S") Duration ticketLifetime,
        @Positive @DefaultValue("16384") int maxMessageBytes,
        @Positive @DefaultValue("100") int maxMessages,
        @NotNull @DefaultValue("PT10S") Duration rateWindow,
        @NotNull @DefaultValue("PT15S") Duration heartbeatInterval,
        @NotNull @DefaultValue("PT45S") Duration heartbeatTimeout) {

    public SignallingProperties {
        for (Duration duration : new Duration[]{ticketLifetime, rateWindow, heartbeatInterval, heartbeatTimeout}) {
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("healthmed.consultation.signalling durations must be positive");
            }
        }
        if (heartbeatTimeout.compareTo(heartbeatInterval) <= 0) {
            throw new IllegalArgumentException(
                    "healthmed.consultation.signalling.heartbeat-timeout must be longer than heartbeat-interval");
        }
    }
}
