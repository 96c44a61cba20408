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

    public AccessToken issue(Actor actor) {
        Instant issuedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String token = Jwts.builder()
                .id(UUID.randomUUID().toString())
                .issuer(issuer)
                .subject(actor.userId().toString())
                .claim(AccessTokenVerifier.ROLE_CLAIM, actor.role().name())
                .issuedAt(Date.from(issuedAt))
                .expiration(Date.from(issuedAt.plus(lifetime)))
                .signWith(privateKey, Jwts.SIG.EdDSA)
                .compact();
        return new AccessToken(token, lifetime);
    }
}
