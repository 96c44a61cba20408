package br.com.healthmed.command.security;

import br.com.healthmed.platform.security.Actor;
import br.com.healthmed.platform.security.AccessTokenVerifier;
import br.com.healthmed.platform.security.InvalidAccessTokenException;
import br.com.healthmed.api.common.Role;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.GeneralSecurityException;
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

class AccessTokenTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final Duration LIFETIME = Duration.ofMinutes(15);

    private final KeyPair keys = ed25519();
    private final AccessTokenIssuer issuer = new AccessTokenIssuer(keys.getPrivate(), "healthmed", LIFETIME, CLOCK);
    private final Actor doctor = new Actor(UUID.randomUUID(), Role.DOCTOR);

    @Test
    void a_fresh_token_names_the_actor_and_verifies_with_the_public_key_alone() {
        AccessToken token = issuer.issue(doctor);

        assertThat(new AccessTokenVerifier(keys.getPublic(), "healthmed", CLOCK).verify(token.value())).isEqualTo(doctor);
        assertThat(token.lifetime()).isEqualTo(LIFETIME);
    }

    @Test
    void the_token_carries_subject_role_issuer_times_and_a_unique_id_and_is_signed_with_eddsa() {
        var jws = parse(issuer.issue(doctor).value());
        Claims claims = jws.getPayload();

        assertThat(jws.getHeader().getAlgorithm()).isEqualTo("EdDSA");
        assertThat(claims.getSubject()).isEqualTo(doctor.userId().toString());
        assertThat(claims.get("role", String.class)).isEqualTo("DOCTOR");
        assertThat(claims.getIssuer()).isEqualTo("healthmed");
        assertThat(claims.getIssuedAt().toInstant()).isEqualTo(NOW);
        assertThat(claims.getExpiration().toInstant()).isEqualTo(NOW.plus(LIFETIME));
        assertThat(claims.getId()).isNotBlank().isNotEqualTo(parse(issuer.issue(doctor).value()).getPayload().getId());
    }

    private Jws<Claims> parse(String token) {
        return Jwts.parser().verifyWith(keys.getPublic()).clock(() -> Date.from(NOW)).build().parseSignedClaims(token);
    }

    /** An account revoked at 12:00:00.400 must refuse a token from 12:00:00.300 and accept one from 12:00:00.500. */
    @Test
    void a_token_names_its_issue_time_to_the_millisecond_so_a_revocation_in_the_same_second_tells_them_apart() {
        Instant precise = NOW.plusMillis(500);
        String token = new AccessTokenIssuer(keys.getPrivate(), "healthmed", LIFETIME, Clock.fixed(precise, ZoneOffset.UTC))
                .issue(doctor).value();

        assertThat(new AccessTokenVerifier(keys.getPublic(), "healthmed", CLOCK).verifyToken(token).issuedAt())
                .isEqualTo(precise);
        assertThat(parse(token).getPayload().getIssuedAt()).isEqualTo(Date.from(NOW));
    }

    @Test
    void a_token_is_still_valid_one_second_before_it_expires() {
        String token = issuer.issue(doctor).value();
        Clock almostExpired = Clock.fixed(NOW.plus(LIFETIME).minusSeconds(1), ZoneOffset.UTC);

        assertThat(new AccessTokenVerifier(keys.getPublic(), "healthmed", almostExpired).verify(token)).isEqualTo(doctor);
    }

    @Test
    void an_expired_token_is_refused_as_expired() {
        String token = issuer.issue(doctor).value();
        Clock later = Clock.fixed(NOW.plus(LIFETIME).plusSeconds(1), ZoneOffset.UTC);

        assertThatThrownBy(() -> new AccessTokenVerifier(keys.getPublic(), "healthmed", later).verify(token))
                .isInstanceOfSatisfying(InvalidAccessTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidAccessTokenException.Reason.EXPIRED));
    }

    @Test
    void a_token_signed_with_another_key_is_invalid() {
        String forged = new AccessTokenIssuer(ed25519().getPrivate(), "healthmed", LIFETIME, CLOCK).issue(doctor).value();

        assertRefusedAsInvalid(forged);
    }

    @Test
    void an_expired_token_signed_with_another_key_is_invalid_rather_than_expired() {
        Clock past = Clock.fixed(NOW.minus(Duration.ofHours(1)), ZoneOffset.UTC);
        String forged = new AccessTokenIssuer(ed25519().getPrivate(), "healthmed", LIFETIME, past).issue(doctor).value();

        assertRefusedAsInvalid(forged);
    }

    @Test
    void a_token_whose_claims_were_changed_is_invalid() {
        String[] parts = issuer.issue(new Actor(doctor.userId(), Role.PATIENT)).value().split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String promoted = payload.replace("\"PATIENT\"", "\"ADMIN\"");
        assertThat(promoted).isNotEqualTo(payload);
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(promoted.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertRefusedAsInvalid(tampered);
    }

    @Test
    void an_unsigned_token_is_invalid() {
        String[] parts = issuer.issue(doctor).value().split("\\.");
        String header = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));

        assertRefusedAsInvalid(header + "." + parts[1] + ".");
    }

    @Test
    void a_token_from_another_issuer_is_invalid() {
        String foreign = new AccessTokenIssuer(keys.getPrivate(), "someone-else", LIFETIME, CLOCK).issue(doctor).value();

        assertRefusedAsInvalid(foreign);
    }

    @Test
    void garbage_is_invalid() {
        assertRefusedAsInvalid("not-a-token");
        assertRefusedAsInvalid("");
    }

    @Test
    void a_lifetime_over_fifteen_minutes_is_refused_at_start_up() {
        assertThatThrownBy(() -> new JwtProperties(null, null, "/tmp/keys", "healthmed", Duration.ofMinutes(16)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most PT15M");
    }

    private void assertRefusedAsInvalid(String token) {
        assertThatThrownBy(() -> new AccessTokenVerifier(keys.getPublic(), "healthmed", CLOCK).verify(token))
                .isInstanceOfSatisfying(InvalidAccessTokenException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidAccessTokenException.Reason.INVALID));
    }

    static KeyPair ed25519() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
