package br.com.healthmed.command.consultation;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Short-lived TURN credentials in coturn's "TURN REST API" scheme ({@code use-auth-secret}): the username is
 * {@code <expiry as Unix seconds>:<user id>} and the password is {@code base64(HMAC-SHA1(secret, username))}. coturn
 * recomputes the password from the username with the same secret and refuses a username whose expiry has passed, so
 * no password is stored anywhere and none is static in the client.
 */
public class TurnCredentials {

    private final TurnProperties properties;
    private final Clock clock;

    public TurnCredentials(TurnProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** One entry of RTCConfiguration.iceServers; username and credential are null for STUN. */
    public record IceServer(List<String> urls, String username, String credential) {
        @Override
        public String toString() {
            return "IceServer" + urls;
        }
    }

    /** What a participant's browser needs to reach the other: STUN servers, and TURN ones with its own credentials. */
    public record IceServers(List<IceServer> iceServers, Instant expiresAt) {
    }

    public IceServers forUser(UUID userId) {
        List<IceServer> servers = new ArrayList<>();
        if (!properties.stunUrls().isEmpty()) {
            servers.add(new IceServer(properties.stunUrls(), null, null));
        }
        Instant expiresAt = clock.instant().plus(properties.credentialLifetime());
        if (properties.turnEnabled()) {
            String username = username(expiresAt, userId);
            servers.add(new IceServer(properties.turnUrls(), username, password(properties.secret(), username)));
        }
        return new IceServers(List.copyOf(servers), expiresAt);
    }

    static String username(Instant expiresAt, UUID userId) {
        return expiresAt.getEpochSecond() + ":" + userId;
    }

    static String password(String secret, String username) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every Java runtime", e);
        }
    }
}
