package br.com.healthmed.command.auth;

import br.com.healthmed.command.privacy.PrivacyProperties;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Counts failed logins per login name and per client address in Redis, each as a sorted set of attempt times within a
 * sliding window. An attempt takes its place in both sets before the password is checked, atomically with the limit
 * check, so a burst of parallel guesses cannot slip past the limit; a success takes its place back and clears the
 * login name's failures. Keys are HMACs, so Redis never holds an e-mail, CPF, CRM or IP address.
 */
@Component
class LoginThrottle {

    private static final String ACCOUNT_PREFIX = "auth:throttle:account:";
    private static final String ADDRESS_PREFIX = "auth:throttle:address:";

    /**
     * KEYS: account set, address set. ARGV: now (ms), attempt id, then limit and window (ms) for each key.
     * Returns 0 when the attempt may go ahead (and records it), otherwise the milliseconds until one becomes free.
     */
    private static final RedisScript<Long> ACQUIRE = RedisScript.of("""
            local now = tonumber(ARGV[1])
            local wait = 0
            for i = 1, 2 do
              local limit = tonumber(ARGV[1 + 2 * i])
              local window = tonumber(ARGV[2 + 2 * i])
              redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', now - window)
              local count = redis.call('ZCARD', KEYS[i])
              if count >= limit then
                local oldest = redis.call('ZRANGE', KEYS[i], count - limit, count - limit, 'WITHSCORES')
                local free = tonumber(oldest[2]) + window - now
                if free > wait then wait = free end
              end
            end
            if wait > 0 then return wait end
            for i = 1, 2 do
              redis.call('ZADD', KEYS[i], now, ARGV[2])
              redis.call('PEXPIRE', KEYS[i], ARGV[2 + 2 * i])
            end
            return 0
            """, Long.class);

    private final StringRedisTemplate redis;
    private final LoginThrottleProperties properties;
    private final Clock clock;
    private final SecretKeySpec keyKey;

    LoginThrottle(StringRedisTemplate redis, LoginThrottleProperties properties, PrivacyProperties privacy, Clock clock) {
        this.redis = redis;
        this.properties = properties;
        this.clock = clock;
        // A key of its own, derived from the lookup key, so throttle keys cannot be matched with the account tables.
        this.keyKey = new SecretKeySpec(hmac(new SecretKeySpec(Base64.getDecoder().decode(privacy.lookupKey()), "HmacSHA256"),
                "healthmed/login-throttle"), "HmacSHA256");
    }

    /**
     * Claims one attempt for this login name from this address, or says how long to wait.
     *
     * @param loginName     kind and normalised login name, e.g. {@code PATIENT_EMAIL:ana@example.com}
     * @param clientAddress the request's remote address
     */
    Attempt acquire(String loginName, String clientAddress) {
        String accountKey = ACCOUNT_PREFIX + HexFormat.of().formatHex(hmac(keyKey, "account\0" + loginName));
        String addressKey = ADDRESS_PREFIX + HexFormat.of().formatHex(hmac(keyKey, "address\0" + clientAddress));
        String attemptId = UUID.randomUUID().toString();
        Long wait = redis.execute(ACQUIRE, List.of(accountKey, addressKey),
                Long.toString(clock.millis()), attemptId,
                Integer.toString(properties.maxFailuresPerAccount()), Long.toString(properties.accountWindow().toMillis()),
                Integer.toString(properties.maxFailuresPerAddress()), Long.toString(properties.addressWindow().toMillis()));
        Duration retryAfter = wait == null || wait <= 0 ? null : Duration.ofMillis(wait);
        return new Attempt(accountKey, addressKey, attemptId, Optional.ofNullable(retryAfter));
    }

    /** A successful login is not a failure: it frees its place and forgets the login name's earlier failures. */
    void succeeded(Attempt attempt) {
        redis.delete(attempt.accountKey());
        redis.opsForZSet().remove(attempt.addressKey(), attempt.attemptId());
    }

    private static byte[] hmac(SecretKeySpec key, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** A claimed attempt; it counts as a failure unless {@link #succeeded} gives it back. */
    record Attempt(String accountKey, String addressKey, String attemptId, Optional<Duration> refusedFor) {
    }
}
