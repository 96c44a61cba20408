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
 * Opaque refresh tokens in Redis, stored only as their SHA-256 (a 256-bit random token needs no slow hash).
 * <ul>
 *   <li>{@code auth:refresh:family:<familyId>}: hash {account, expiresAt}, expiring at the family's absolute end.
 *       One family per login; deleting it revokes every token of that login.</li>
 *   <li>{@code auth:refresh:token:<sha256>}: hash {family, state=active|used}, expiring after the token lifetime (never
 *       after its family). Used tokens are kept until then so that a replay is recognised as reuse.</li>
 *   <li>{@code auth:refresh:account:<accountId>}: set of the account's family ids, so that a password change, reset or
 *       deactivation can end every login of the account (ADR 0020). Ids of families that expired are pruned at the
 *       account's next login.</li>
 * </ul>
 * Each step is one Lua script, so two refreshes of one token are serialised by Redis: exactly one finds it active.
 */
@Component
class RefreshTokens {

    private static final String TOKEN_PREFIX = "auth:refresh:token:";
    private static final String FAMILY_PREFIX = "auth:refresh:family:";
    private static final String ACCOUNT_PREFIX = "auth:refresh:account:";

    /**
     * KEYS: family, token, account's families. ARGV: account id, family id, family expiry (epoch ms), family ttl (ms),
     * token ttl (ms), family key prefix.
     */
    private static final RedisScript<Long> START = RedisScript.of("""
            redis.call('HSET', KEYS[1], 'account', ARGV[1], 'expiresAt', ARGV[3])
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            redis.call('HSET', KEYS[2], 'family', ARGV[2], 'state', 'active')
            redis.call('PEXPIRE', KEYS[2], math.min(tonumber(ARGV[4]), tonumber(ARGV[5])))
            for _, family in ipairs(redis.call('SMEMBERS', KEYS[3])) do
              if redis.call('EXISTS', ARGV[6] .. family) == 0 then redis.call('SREM', KEYS[3], family) end
            end
            redis.call('SADD', KEYS[3], ARGV[2])
            redis.call('PEXPIRE', KEYS[3], ARGV[4])
            return 1
            """, Long.class);

    /**
     * KEYS: account's families. ARGV: family key prefix, family id to keep (or empty). Deletes every other family of
     * the account and returns the ids of those that still existed.
     */
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> REVOKE_ACCOUNT = RedisScript.of("""
            local ended = {}
            for _, family in ipairs(redis.call('SMEMBERS', KEYS[1])) do
              if family ~= ARGV[2] then
                if redis.call('DEL', ARGV[1] .. family) == 1 then table.insert(ended, family) end
                redis.call('SREM', KEYS[1], family)
              end
            end
            return ended
            """, List.class);

    /**
     * KEYS: presented token, new token. ARGV: now (epoch ms), token ttl (ms), family key prefix.
     * Returns {outcome, account id, family id}; outcome is rotated, reused or invalid.
     */
    @SuppressWarnings("rawtypes")
    private static final RedisScript<List> ROTATE = RedisScript.of("""
            local family = redis.call('HGET', KEYS[1], 'family')
            if not family then return {'invalid'} end
            local familyKey = ARGV[3] .. family
            local account = redis.call('HGET', familyKey, 'account')
            if not account then return {'invalid'} end
            if redis.call('HGET', KEYS[1], 'state') ~= 'active' then
              redis.call('DEL', familyKey)
              return {'reused', account, family}
            end
            local remaining = tonumber(redis.call('HGET', familyKey, 'expiresAt')) - tonumber(ARGV[1])
            if remaining <= 0 then return {'invalid'} end
            redis.call('HSET', KEYS[1], 'state', 'used')
            redis.call('HSET', KEYS[2], 'family', family, 'state', 'active')
            redis.call('PEXPIRE', KEYS[2], math.min(tonumber(ARGV[2]), remaining))
            return {'rotated', account, family}
            """, List.class);

    /** KEYS: presented token. ARGV: family key prefix. Deletes the token's family, if any, and returns its id. */
    private static final RedisScript<String> REVOKE = RedisScript.of("""
            local family = redis.call('HGET', KEYS[1], 'family')
            if not family then return false end
            redis.call('DEL', ARGV[1] .. family)
            return family
            """, String.class);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final StringRedisTemplate redis;
    private final RefreshTokenProperties properties;
    private final Clock clock;

    RefreshTokens(StringRedisTemplate redis, RefreshTokenProperties properties, Clock clock) {
        this.redis = redis;
        this.properties = properties;
        this.clock = clock;
    }

    /** Starts a new family for a fresh login and returns its id (the access tokens' session) and first token. */
    Started startFamily(UUID accountId) {
        String token = newToken();
        UUID familyId = UUID.randomUUID();
        long familyTtl = properties.familyLifetime().toMillis();
        redis.execute(START, List.of(FAMILY_PREFIX + familyId, tokenKey(token), ACCOUNT_PREFIX + accountId),
                accountId.toString(), familyId.toString(), Long.toString(clock.millis() + familyTtl),
                Long.toString(familyTtl), Long.toString(properties.lifetime().toMillis()), FAMILY_PREFIX);
        return new Started(familyId, token);
    }

    /** Uses up {@code presented} and, when it was active, returns its successor in the same family. */
    Rotation rotate(String presented) {
        if (presented == null || presented.isBlank()) {
            return new Rotation(Outcome.INVALID, null, null, null);
        }
        String next = newToken();
        List<?> result = redis.execute(ROTATE, List.of(tokenKey(presented), tokenKey(next)),
                Long.toString(clock.millis()), Long.toString(properties.lifetime().toMillis()), FAMILY_PREFIX);
        if (result == null || result.isEmpty()) {
            return new Rotation(Outcome.INVALID, null, null, null);
        }
        return switch (String.valueOf(result.getFirst())) {
            case "rotated" -> new Rotation(Outcome.ROTATED, UUID.fromString(result.get(1).toString()),
                    UUID.fromString(result.get(2).toString()), next);
            case "reused" -> new Rotation(Outcome.REUSED, UUID.fromString(result.get(1).toString()),
                    UUID.fromString(result.get(2).toString()), null);
            default -> new Rotation(Outcome.INVALID, null, null, null);
        };
    }

    /**
     * Ends the login {@code presented} belongs to and returns its family id; unknown tokens are ignored, so logging out
     * twice is harmless.
     */
    Optional<UUID> revokeFamilyOf(String presented) {
        if (presented == null || presented.isBlank()) {
            return Optional.empty();
        }
        String family = redis.execute(REVOKE, List.of(tokenKey(presented)), FAMILY_PREFIX);
        return Optional.ofNullable(family).map(UUID::fromString);
    }

    void revokeFamily(UUID familyId) {
        redis.delete(FAMILY_PREFIX + familyId);
    }

    /** Ends every login of the account but {@code kept} (when given) and returns the ids of the logins it ended. */
    List<UUID> revokeFamiliesOf(UUID accountId, Optional<UUID> kept) {
        List<?> ended = redis.execute(REVOKE_ACCOUNT, List.of(ACCOUNT_PREFIX + accountId), FAMILY_PREFIX,
                kept.map(UUID::toString).orElse(""));
        return ended == null ? List.of() : ended.stream().map(id -> UUID.fromString(id.toString())).toList();
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String tokenKey(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return TOKEN_PREFIX + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    enum Outcome { ROTATED, REUSED, INVALID }

    record Started(UUID familyId, String token) {

        @Override
        public String toString() {
            return "Started[family=" + familyId + ", protected]";
        }
    }

    /** {@code next} is set only when the outcome is ROTATED; account and family are known unless INVALID. */
    record Rotation(Outcome outcome, UUID accountId, UUID familyId, String next) {

        @Override
        public String toString() {
            return "Rotation[" + outcome + ", account=" + accountId + ", family=" + familyId + "]";
        }
    }
}
