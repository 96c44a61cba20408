package br.com.healthmed.command.auth;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The tokens between a password and a second factor (ADR 0024): a <em>challenge</em> after the right password of an
 * enrolled account, and an <em>enrolment token</em> for an account that must enrol first. 256 random bits, stored only
 * as their SHA-256 in Redis ({@code auth:mfa:<sha256>}: hash {account, purpose, expiresAt, failures}), expiring with
 * the token. Neither is an access token: each is good for one purpose, is spent by its first success or by too many
 * wrong codes, and its expiry is checked against the injected clock as well as left to Redis.
 */
@Component
class MfaChallenges {

    enum Purpose { LOGIN, ENROLMENT }

    private static final String PREFIX = "auth:mfa:";

    /** KEYS: token. ARGV: purpose, now (epoch ms). Returns the account while the token is valid for that purpose. */
    private static final RedisScript<String> PEEK = RedisScript.of("""
            local values = redis.call('HMGET', KEYS[1], 'account', 'purpose', 'expiresAt')
            if not values[1] or values[2] ~= ARGV[1] or tonumber(values[3]) <= tonumber(ARGV[2]) then return false end
            return values[1]
            """, String.class);

    /** KEYS: token. ARGV: purpose, now (epoch ms). Deletes a valid token and returns its account: one caller wins. */
    private static final RedisScript<String> CONSUME = RedisScript.of("""
            local values = redis.call('HMGET', KEYS[1], 'account', 'purpose', 'expiresAt')
            if not values[1] or values[2] ~= ARGV[1] or tonumber(values[3]) <= tonumber(ARGV[2]) then return false end
            redis.call('DEL', KEYS[1])
            return values[1]
            """, String.class);

    /** KEYS: token. ARGV: failures allowed. Counts a wrong code; the last one allowed deletes the token. */
    private static final RedisScript<Long> FAILED = RedisScript.of("""
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            local failures = redis.call('HINCRBY', KEYS[1], 'failures', 1)
            if failures >= tonumber(ARGV[1]) then redis.call('DEL', KEYS[1]) end
            return failures
            """, Long.class);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final StringRedisTemplate redis;
    private final MfaProperties properties;
    private final Clock clock;

    MfaChallenges(StringRedisTemplate redis, MfaProperties properties, Clock clock) {
        this.redis = redis;
        this.properties = properties;
        this.clock = clock;
    }

    /** A new token for the account and purpose; the account may hold several (each login makes one). */
    String issue(UUID accountId, Purpose purpose) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String key = key(token);
        Duration lifetime = lifetime(purpose);
        redis.opsForHash().putAll(key, java.util.Map.of("account", accountId.toString(), "purpose", purpose.name(),
                "expiresAt", Long.toString(clock.millis() + lifetime.toMillis()), "failures", "0"));
        redis.expire(key, lifetime);
        return token;
    }

    Duration lifetime(Purpose purpose) {
        return purpose == Purpose.LOGIN ? properties.challengeLifetime() : properties.enrolmentLifetime();
    }

    /** The account of a valid token, without spending it. */
    Optional<UUID> peek(String token, Purpose purpose) {
        return run(PEEK, token, purpose);
    }

    /** Spends a valid token: the account for the one caller that spent it, empty for every other. */
    Optional<UUID> consume(String token, Purpose purpose) {
        return run(CONSUME, token, purpose);
    }

    /** A wrong code was given with this token. */
    void failed(String token) {
        if (wellFormed(token)) {
            redis.execute(FAILED, List.of(key(token)), Integer.toString(properties.attemptsPerChallenge()));
        }
    }

    private Optional<UUID> run(RedisScript<String> script, String token, Purpose purpose) {
        if (!wellFormed(token)) {
            return Optional.empty();
        }
        String account = redis.execute(script, List.of(key(token)), purpose.name(), Long.toString(clock.millis()));
        return Optional.ofNullable(account).map(UUID::fromString);
    }

    private static boolean wellFormed(String token) {
        return token != null && !token.isBlank() && token.length() <= 100;
    }

    private static String key(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return PREFIX + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
