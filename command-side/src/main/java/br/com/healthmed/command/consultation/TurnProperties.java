package br.com.healthmed.command.consultation;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;

/**
 * STUN and TURN servers handed to the participants, and the secret shared with coturn ({@code static-auth-secret}) from
 * which each participant's short-lived TURN password is derived (coturn's "TURN REST API" scheme).
 *
 * @param secret             shared with coturn; empty means no TURN credentials are handed out (STUN only)
 * @param turnUrls           e.g. {@code turn:turn.example.com:3478?transport=udp}
 * @param stunUrls           e.g. {@code stun:turn.example.com:3478}
 * @param credentialLifetime how long a TURN username (and so its password) is accepted by coturn
 */
@Validated
@ConfigurationProperties("healthmed.consultation.turn")
public record TurnProperties(
        @DefaultValue("") String secret,
        @DefaultValue("") List<String> turnUrls,
        @DefaultValue("") List<String> stunUrls,
        @NotNull @DefaultValue("PT1H") Duration credentialLifetime) {

    public TurnProperties {
        secret = secret == null ? "" : secret;
        turnUrls = turnUrls == null ? List.of() : turnUrls.stream().filter(url -> !url.isBlank()).toList();
        stunUrls = stunUrls == null ? List.of() : stunUrls.stream().filter(url -> !url.isBlank()).toList();
        if (credentialLifetime == null || credentialLifetime.isNegative() || credentialLifetime.isZero()) {
            throw new IllegalArgumentException("healthmed.consultation.turn.credential-lifetime must be positive");
        }
        if (!turnUrls.isEmpty() && secret.isBlank()) {
            throw new IllegalArgumentException("healthmed.consultation.turn.secret is required when turn-urls are set");
        }
    }

    boolean turnEnabled() {
        return !secret.isBlank() && !turnUrls.isEmpty();
    }
}
