package br.com.healthmed.command.patient;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Single-use e-mail confirmation tokens in Redis, stored only as their SHA-256 (a 256-bit random token needs no slow
 * hash), like the password reset tokens:
 * <ul>
 *   <li>{@code patient:confirmation:token:<sha256>}: the patient id;</li>
 *   <li>{@code patient:confirmation:patient:<patientId>}: the SHA-256 of the latest token, so a mail asked for again
 *       makes the earlier ones useless.</li>
 * </ul>
 * Whether the registration's time has passed is the Patient aggregate's decision, by the application's clock; Redis
 * keeps a token a day longer than its registration, so that a late click answers "expired", not "unknown".
 */
@Component
class ConfirmationTokens {

    private static final String TOKEN_PREFIX = "patient:confirmation:token:";
    private static final String PATIENT_PREFIX = "patient:confirmation:patient:";
    private static final Duration KEPT_AFTER_EXPIRY = Duration.ofDays(1);

    /** KEYS: token, patient's latest. ARGV: patient id, token hash, ttl (ms). */
    private static final RedisScript<Long> ISSUE = RedisScript.of("""
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
            redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
            return 1
            """, Long.class);

    /** KEYS: token. ARGV: token hash, patient key prefix. Spends the token; its patient only if it was the latest. */
    private static final RedisScript<String> CONSUME = RedisScript.of("""
            local patient = redis.call('GET', KEYS[1])
            if not patient then return false end
            redis.call('DEL', KEYS[1])
            local latest = ARGV[2] .. patient
            if redis.call('GET', latest) ~= ARGV[1] then return false end
            redis.call('DEL', latest)
            return patient
            """, String.class);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final StringRedisTemplate redis;

    ConfirmationTokens(StringRedisTemplate redis) {
        this.redis = redis;
    }

    /** A new token for the patient's registration, which has {@code remaining} left; any earlier token stops working. */
    String issue(UUID patientId, Duration remaining) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String hash = sha256(token);
        long ttl = (remaining.isNegative() ? Duration.ZERO : remaining).plus(KEPT_AFTER_EXPIRY).toMillis();
        redis.execute(ISSUE, List.of(TOKEN_PREFIX + hash, PATIENT_PREFIX + patientId), patientId.toString(), hash,
                Long.toString(ttl));
        return token;
    }

    /** Spends the token: its patient when it was the latest one issued, empty when unknown, used or superseded. */
    Optional<UUID> consume(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        String hash = sha256(token);
        return Optional.ofNullable(redis.execute(CONSUME, List.of(TOKEN_PREFIX + hash), hash, PATIENT_PREFIX))
                .map(UUID::fromString);
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
