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
        Claims claims;
        try {
            claims = parser.parseSignedClaims(token).getPayload();
        } catch (ExpiredJwtException e) {
            throw new InvalidAccessTokenException(InvalidAccessTokenException.Reason.EXPIRED, "the access token has expired");
        } catch (JwtException | IllegalArgumentException e) {
            throw new InvalidAccessTokenException(InvalidAccessTokenException.Reason.INVALID, "the access token is invalid");
        }
        if (claims.getExpiration() == null || claims.getId() == null) {
            throw new InvalidAccessTokenException(InvalidAccessTokenException.Reason.INVALID, "the access token lacks exp or jti");
        }
        try {
            return new Actor(UUID.fromString(claims.getSubject()),
                    Role.valueOf(claims.get(ROLE_CLAIM, String.class)));
        } catch (RuntimeException e) {
            throw new InvalidAccessTokenException(InvalidAccessTokenException.Reason.INVALID, "the access token has no valid subject or role");
        }
    }
}
