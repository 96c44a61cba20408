package br.com.healthmed.platform.security;

import br.com.healthmed.api.common.Role;
import br.com.healthmed.testing.MovableClock;
import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.Test;

import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessTokenVerifierTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final KeyPair keys = ed25519();
    private final AccessTokenVerifier verifier = new AccessTokenVerifier(keys.getPublic(), "healthmed", CLOCK);
    private final UUID user = UUID.randomUUID();

    @Test
    void a_token_signed_with_the_trusted_key_names_its_actor() {
        assertThat(verifier.verify(signed(keys, "healthmed", NOW.plusSeconds(60)))).isEqualTo(new Actor(user, Role.DOCTOR));
    }

    @Test
    void an_expired_token_is_refused_as_expired() {
        assertThatThrownBy(() -> verifier.verify(signed(keys, "healthmed", NOW.minusSeconds(1))))
                .isInstanceOfSatisfying(InvalidAccessTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidAccessTokenException.Reason.EXPIRED));
    }

    @Test
    void a_remembered_token_is_still_refused_once_it_has_expired() {
        MovableClock clock = new MovableClock(NOW);
        AccessTokenVerifier remembering = new AccessTokenVerifier(keys.getPublic(), "healthmed", clock);
        String token = signed(keys, "healthmed", NOW.plusSeconds(60));
        assertThat(remembering.verify(token)).isEqualTo(new Actor(user, Role.DOCTOR));

        clock.moveTo(NOW.plusSeconds(60));
        assertThat(remembering.verify(token)).as("valid up to its exp, as the parser decides").isEqualTo(new Actor(user, Role.DOCTOR));
        clock.moveTo(NOW.plusSeconds(61));
        assertThatThrownBy(() -> remembering.verify(token))
                .isInstanceOfSatisfying(InvalidAccessTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidAccessTokenException.Reason.EXPIRED));
    }

    @Test
    void a_token_altered_after_a_valid_one_was_remembered_is_verified_in_full_and_refused() {
        String token = signed(keys, "healthmed", NOW.plusSeconds(60));
        assertThat(verifier.verify(token)).isEqualTo(new Actor(user, Role.DOCTOR));
        String[] parts = token.split("\\.");
        String adminClaims = base64(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(Role.DOCTOR.name(), Role.ADMIN.name()));
        assertInvalid(parts[0] + "." + adminClaims + "." + parts[2]);
        assertThat(verifier.verifyToken(token).actor().role()).isEqualTo(Role.DOCTOR);
    }

    @Test
    void tokens_from_another_key_or_issuer_are_refused() {
        assertInvalid(signed(ed25519(), "healthmed", NOW.plusSeconds(60)));
        assertInvalid(signed(keys, "someone-else", NOW.plusSeconds(60)));
    }

    @Test
    void unsigned_and_symmetric_tokens_are_refused_even_when_keyed_with_the_public_key() {
        String claims = "{\"iss\":\"healthmed\",\"sub\":\"" + user + "\",\"role\":\"ADMIN\",\"jti\":\"x\",\"exp\":"
                + NOW.plusSeconds(60).getEpochSecond() + "}";
        String none = base64("{\"alg\":\"none\"}") + "." + base64(claims) + ".";
        assertInvalid(none);
        String hs256 = Jwts.builder().content(claims)
                .signWith(new SecretKeySpec(padded(keys.getPublic().getEncoded()), "HmacSHA256"), Jwts.SIG.HS256)
                .compact();
        assertInvalid(hs256);
    }

    @Test
    void the_verification_key_is_read_from_pem_text() {
        String pem = "-----BEGIN PUBLIC KEY-----\\n"
                + Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()) + "\\n-----END PUBLIC KEY-----";
        VerificationKey key = VerificationKey.from(new JwtVerificationProperties(pem, null, "healthmed"));
        assertThat(key.publicKey()).isEqualTo(keys.getPublic());
        assertThatThrownBy(() -> VerificationKey.from(new JwtVerificationProperties(null, null, "healthmed")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("HEALTHMED_JWT_PUBLIC_KEY");
    }

    private void assertInvalid(String token) {
        assertThatThrownBy(() -> verifier.verify(token))
                .isInstanceOfSatisfying(InvalidAccessTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidAccessTokenException.Reason.INVALID));
    }

    private String signed(KeyPair signer, String issuer, Instant expiresAt) {
        return Jwts.builder().id(UUID.randomUUID().toString()).issuer(issuer).subject(user.toString())
                .claim(AccessTokenVerifier.ROLE_CLAIM, Role.DOCTOR.name())
                .issuedAt(Date.from(expiresAt.minus(Duration.ofMinutes(10)))).expiration(Date.from(expiresAt))
                .signWith(signer.getPrivate(), Jwts.SIG.EdDSA).compact();
    }

    /** HS256 needs at least 256 bits of key; an attacker would pad the public key the same way. */
    private static byte[] padded(byte[] key) {
        byte[] padded = new byte[Math.max(32, key.length)];
        System.arraycopy(key, 0, padded, 0, key.length);
        return padded;
    }

    private static String base64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
