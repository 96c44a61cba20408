package br.com.healthmed.command.security;

import br.com.healthmed.platform.security.Actor;
import br.com.healthmed.platform.security.AccessTokenVerifier;
import io.jsonwebtoken.Jwts;

import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.UUID;

/** Signs short-lived access tokens with the Ed25519 private key; only the command side holds that key. */
public class AccessTokenIssuer {

    private final PrivateKey privateKey;
    private final String issuer;
    private final Duration lifetime;
    private final Clock clock;

    public AccessTokenIssuer(PrivateKey privateKey, String issuer, Duration lifetime, Clock clock) {
        this.privateKey = privateKey;
        this.issuer = issuer;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** A token outside any login session (internal use and tests); logins use {@link #issue(Actor, UUID)}. */
    public AccessToken issue(Actor actor) {
        return issue(actor, null);
    }

    /** A token of the login session {@code sessionId}: ending that session (logout, refresh reuse) ends the token. */
    public AccessToken issue(Actor actor, UUID sessionId) {
        Instant now = clock.instant();
        Instant issuedAt = now.truncatedTo(ChronoUnit.SECONDS);
        var builder = Jwts.builder();
        if (sessionId != null) {
            builder.claim(AccessTokenVerifier.SESSION_CLAIM, sessionId.toString());
        }
        String token = builder
                .id(UUID.randomUUID().toString())
                .issuer(issuer)
                .subject(actor.userId().toString())
                .claim(AccessTokenVerifier.ROLE_CLAIM, actor.role().name())
                .claim(AccessTokenVerifier.ISSUED_AT_MILLIS_CLAIM, now.toEpochMilli())
                .issuedAt(Date.from(issuedAt))
                .expiration(Date.from(issuedAt.plus(lifetime)))
                .signWith(privateKey, Jwts.SIG.EdDSA)
                .compact();
        return new AccessToken(token, lifetime);
    }

    /** The longest any token this issuer signed can still be valid: how long a session or account revocation must last. */
    public Duration lifetime() {
        return lifetime;
    }
}
