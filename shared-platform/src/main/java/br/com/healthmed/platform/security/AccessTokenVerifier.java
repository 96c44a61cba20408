package br.com.healthmed.platform.security;

import br.com.healthmed.api.common.Role;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;

import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.time.Instant;
import java.util.UUID;

/**
 * Checks an access token with the public key alone, so both applications verify while only the command side can mint
 * tokens. Only EdDSA signatures from our issuer are accepted; unsigned tokens never are.
 * <p>
 * A client sends the same token with every request for its whole lifetime, and the Ed25519 check was about a fifth of
 * a booking request's CPU on its request thread (docs/performance.md). So a token that verified is remembered, by
 * its exact text, and the next request with the same text only has its expiry checked against the clock again. A
 * different text (another token, a forged or altered one) is always verified in full. Revocation is not remembered
 * here: the deny-list is read on every request ({@link RevokedAccessTokens}).
 */
public class AccessTokenVerifier {

    /** Enough for every token in use over a few minutes on a busy replica; each entry is well under 1 KB. */
    static final int REMEMBERED_TOKENS = 20_000;
    /** A remembered token is verified in full again after this long; expiry is checked on every use regardless. */
    static final Duration REMEMBERED_FOR = Duration.ofMinutes(5);

    public static final String ROLE_CLAIM = "role";
    /** The login session (refresh-token family) a token was issued for, so that ending the session ends its tokens. */
    public static final String SESSION_CLAIM = "sid";
    /**
     * The issue time in milliseconds: {@code iat} has whole seconds, and an account revocation (deactivation, reset)
     * followed by a new login within the same second must tell the old tokens from the new one.
     */
    public static final String ISSUED_AT_MILLIS_CLAIM = "iat_ms";

    private final JwtParser parser;
    private final Clock clock;
    private final Cache<String, VerifiedAccessToken> verified = Caffeine.newBuilder()
            .maximumSize(REMEMBERED_TOKENS)
            .expireAfterWrite(REMEMBERED_FOR)
            .build();

    public AccessTokenVerifier(PublicKey publicKey, String issuer, Clock clock) {
        this.clock = clock;
        this.parser = Jwts.parser()
                .sig().clear().add(Jwts.SIG.EdDSA).and()
                .verifyWith(publicKey)
                .requireIssuer(issuer)
                .clock(() -> Date.from(clock.instant()))
                .build();
    }

    /** The caller the token speaks for; throws {@link InvalidAccessTokenException} for any token we did not issue or that has expired. */
    public Actor verify(String token) {
        return verifyToken(token).actor();
    }

    /** Like {@link #verify}, with the claims the deny-list needs. */
    public VerifiedAccessToken verifyToken(String token) {
        VerifiedAccessToken remembered = verified.getIfPresent(token);
        if (remembered != null) {
            // The parser's rule: a token is expired once the clock is past its exp.
            if (clock.instant().isAfter(remembered.expiresAt())) {
                verified.invalidate(token);
                throw new InvalidAccessTokenException(InvalidAccessTokenException.Reason.EXPIRED, "the access token has expired");
            }
            return remembered;
        }
        VerifiedAccessToken checked = verifyInFull(token);
        verified.put(token, checked);
        return checked;
    }

    private VerifiedAccessToken verifyInFull(String token) {
        Claims claims;
        try {
            claims = parser.parseSignedClaims(token).getPayload();
        } catch (ExpiredJwtException e) {
            throw new InvalidAccessTokenException(InvalidAccessTokenException.Reason.EXPIRED, "the access token has expired");
        } catch (JwtException | IllegalArgumentException e) {
            throw new InvalidAccessTokenException(InvalidAccessTokenException.Reason.INVALID, "the access token is invalid");
        }
        if (claims.getExpiration() == null || claims.getId() == null || claims.getIssuedAt() == null) {
            throw new InvalidAccessTokenException(InvalidAccessTokenException.Reason.INVALID, "the access token lacks exp, iat or jti");
        }
        try {
            Actor actor = new Actor(UUID.fromString(claims.getSubject()), Role.valueOf(claims.get(ROLE_CLAIM, String.class)));
            String session = claims.get(SESSION_CLAIM, String.class);
            Long issuedAtMillis = claims.get(ISSUED_AT_MILLIS_CLAIM, Long.class);
            Instant issuedAt = issuedAtMillis != null
                    && issuedAtMillis / 1000 == claims.getIssuedAt().toInstant().getEpochSecond()
                    ? Instant.ofEpochMilli(issuedAtMillis) : claims.getIssuedAt().toInstant();
            return new VerifiedAccessToken(actor, claims.getId(), session == null ? null : UUID.fromString(session),
                    issuedAt, claims.getExpiration().toInstant());
        } catch (RuntimeException e) {
            throw new InvalidAccessTokenException(InvalidAccessTokenException.Reason.INVALID, "the access token has no valid subject, role or session");
        }
    }
}
