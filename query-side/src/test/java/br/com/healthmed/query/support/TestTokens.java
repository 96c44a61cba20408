package br.com.healthmed.query.support;

import br.com.healthmed.api.common.Role;
import io.jsonwebtoken.Jwts;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

/** Mints access tokens as the command side does; the query side under test gets only the public key. */
public final class TestTokens {

    private static final KeyPair KEYS = generate();
    private static final KeyPair OTHER_KEYS = generate();

    private TestTokens() {
    }

    public static String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(KEYS.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    public static String token(UUID userId, Role role) {
        return sign(KEYS, userId, role, Instant.now().plus(Duration.ofMinutes(5)));
    }

    public static String expired(UUID userId, Role role) {
        return sign(KEYS, userId, role, Instant.now().minus(Duration.ofMinutes(5)));
    }

    /** Well formed, but signed by a key the query side does not trust. */
    public static String forged(UUID userId, Role role) {
        return sign(OTHER_KEYS, userId, role, Instant.now().plus(Duration.ofMinutes(5)));
    }

    private static String sign(KeyPair keys, UUID userId, Role role, Instant expiresAt) {
        return Jwts.builder()
                .id(UUID.randomUUID().toString())
                .issuer("healthmed")
                .subject(userId.toString())
                .claim("role", role.name())
                .issuedAt(Date.from(expiresAt.minus(Duration.ofMinutes(10))))
                .expiration(Date.from(expiresAt))
                .signWith(keys.getPrivate(), Jwts.SIG.EdDSA)
                .compact();
    }

    private static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
