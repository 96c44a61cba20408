package br.com.healthmed.command.auth;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Single-use password reset tokens in Redis, stored only as their SHA-256 (a 256-bit random token needs no slow hash):
 * <ul>
 *   <li>{@code auth:reset:token:<sha256>}: "accountId expiresAt(epoch ms)", expiring with the token;</li>
 *   <li>{@code auth:reset:account:<accountId>}: the SHA-256 of the account's latest token, so that asking again makes
 *       the earlier links useless and a used token cannot be followed by an older one.</li>
 * </ul>
 * The expiry is checked against the injected clock, not only left to Redis, so that a test can move time.
 */
@Component
class PasswordResetTokens {

    private static final String TOKEN_PREFIX = "auth:reset:token:";
    private static final String ACCOUNT_PREFIX = "auth:reset:account:";

    /** KEYS: token, account's latest. ARGV: token value, token hash, ttl (ms). */
    private static final RedisScript<Long> ISSUE = RedisScript.of("""
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
            redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
            return 1
            """, Long.class);

    /**
     * KEYS: token. ARGV: token hash, now (epoch ms), account key prefix. Deletes the token whatever it finds, and
     * returns its account only when it is unexpired and still the account's latest (which it then forgets too).
     */
    private static final RedisScript<String> CONSUME = RedisScript.of("""
            local value = redis.call('GET', KEYS[1])
            if not value then return false end
            redis.call('DEL', KEYS[1])
            local account, expiresAt = string.match(value, '^(%S+) (%d+)$')
            if not account or tonumber(expiresAt) <= tonumber(ARGV[2]) then return false end
            local latest = ARGV[3] .. account
            if redis.call('GET', latest) ~= ARGV[1] then return false end
            redis.call('DEL', latest)
            return account
            """, String.class);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final StringRedisTemplate redis;
    private final PasswordResetProperties properties;
    private final Clock clock;

    PasswordResetTokens(StringRedisTemplate redis, PasswordResetProperties properties, Clock clock) {
        this.redis = redis;
        this.properties = properties;
        this.clock = clock;
    }

    /** A new token for the account; any earlier one of the account stops working. */
    String issue(UUID accountId) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String hash = sha256(token);
        long lifetime = properties.tokenLifetime().toMillis();
        redis.execute(ISSUE, List.of(TOKEN_PREFIX + hash, ACCOUNT_PREFIX + accountId),
                accountId + " " + (clock.millis() + lifetime), hash, Long.toString(lifetime));
        return token;
    }

    /** Spends the token: its account when it was valid, empty when unknown, used, superseded or expired. */
    Optional<UUID> consume(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        String hash = sha256(token);
        String account = redis.execute(CONSUME, List.of(TOKEN_PREFIX + hash), hash, Long.toString(clock.millis()),
                ACCOUNT_PREFIX);
        return Optional.ofNullable(account).map(UUID::fromString);
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
