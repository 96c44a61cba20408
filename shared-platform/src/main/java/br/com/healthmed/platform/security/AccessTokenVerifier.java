package br.com.healthmed.platform.security;

import br.com.healthmed.api.common.Role;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;

import java.security.PublicKey;
import java.time.Clock;
import java.util.Date;
import java.util.UUID;

/**
 * Checks an access token with the public key alone, so both applications verify while only the command side can mint
 * tokens. Only EdDSA signatures from our issuer are accepted; unsigned tokens never are.
 */
public class AccessTokenVerifier {

    public static final String ROLE_CLAIM = "role";
    /** The login session (refresh-token family) a token was issued for, so that ending the session ends its tokens. */
    public static final String SESSION_CLAIM = "sid";

    private final JwtParser parser;

    public AccessTokenVerifier(PublicKey publicKey, String issuer, Clock clock) {
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
            return new VerifiedAccessToken(actor, claims.getId(), session == null ? null : UUID.fromString(session),
                    claims.getIssuedAt().toInstant(), claims.getExpiration().toInstant());
        } catch (RuntimeException e) {
            throw new InvalidAccessTokenException(InvalidAccessTokenException.Reason.INVALID, "the access token has no valid subject, role or session");
        }
    }
}
