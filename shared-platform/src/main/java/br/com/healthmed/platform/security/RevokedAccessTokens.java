package br.com.healthmed.platform.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The deny-list of access tokens that are still signed and unexpired but must not be honoured any more, in Redis and
 * shared by both applications. Three kinds of entry, each expiring when the last token it can match expires anyway:
 * <ul>
 *   <li>{@code auth:revoked:token:<jti>}: one token (logout with that token), for its remaining lifetime;</li>
 *   <li>{@code auth:revoked:session:<sid>}: every token of one login (logout, refresh-token reuse), for the longest
 *       lifetime an access token can have;</li>
 *   <li>{@code auth:revoked:account:<id>} = epoch milliseconds: every token of the account issued up to then
 *       (erasure, and later deactivation or a password change), for the same longest lifetime.</li>
 * </ul>
 * Checking is one MGET per authenticated request. Only the command side writes entries; the query side only reads, as
 * a Redis user that may run nothing but that MGET ({@link DenyListConnection}, ADR 0034).
 */
public class RevokedAccessTokens {

    private static final Logger LOG = LoggerFactory.getLogger(RevokedAccessTokens.class);

    static final String TOKEN_PREFIX = "auth:revoked:token:";
    static final String SESSION_PREFIX = "auth:revoked:session:";
    static final String ACCOUNT_PREFIX = "auth:revoked:account:";

    private final StringRedisTemplate redis;
    private final Clock clock;

    public RevokedAccessTokens(StringRedisTemplate redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    /** Whether the token, its session or every token of its account up to its issue was revoked. */
    public boolean isRevoked(VerifiedAccessToken token) {
        String session = token.sessionId() == null ? SESSION_PREFIX + "-" : SESSION_PREFIX + token.sessionId();
        List<String> values = redis.opsForValue().multiGet(List.of(TOKEN_PREFIX + token.tokenId(), session,
                ACCOUNT_PREFIX + token.actor().userId()));
        if (values == null) {
            throw new IllegalStateException("Redis answered no values to MGET");
        }
        if (values.get(0) != null || (token.sessionId() != null && values.get(1) != null)) {
            return true;
        }
        String accountRevokedAt = values.get(2);
        // Tokens carry their issue time in milliseconds (iat_ms); one with whole seconds only (issued before iat_ms
        // existed) is compared at its second, so one issued in the same second as the revocation is refused too.
        return accountRevokedAt != null
                && token.issuedAt().toEpochMilli() <= Long.parseLong(accountRevokedAt);
    }

    /**
     * Opens the Redis connection before the first request needs it: Lettuce connects on first use, and on a loaded
     * machine that first connection can outlast the short connect timeout, which turned a fresh replica's first
     * authenticated request into a 503.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void warmUp() {
        try {
            redis.opsForValue().multiGet(List.of(TOKEN_PREFIX + "warm-up"));
        } catch (RuntimeException e) {
            LOG.warn("Access-token deny-list not reachable at start-up; the first requests will try again: {}", e.toString());
        }
    }

    /** Refuses this one token until it expires. */
    public void revokeToken(String tokenId, Instant expiresAt) {
        Duration remaining = Duration.between(clock.instant(), expiresAt);
        if (!remaining.isNegative() && !remaining.isZero()) {
            redis.opsForValue().set(TOKEN_PREFIX + tokenId, "1", remaining);
        }
    }

    /** Refuses every token of a login; {@code longestLifetime} is how long the newest of them may still be valid. */
    public void revokeSession(UUID sessionId, Duration longestLifetime) {
        redis.opsForValue().set(SESSION_PREFIX + sessionId, "1", longestLifetime);
    }

    /** Refuses every token of the account issued until now, whatever its session. */
    public void revokeAccount(UUID accountId, Duration longestLifetime) {
        redis.opsForValue().set(ACCOUNT_PREFIX + accountId, Long.toString(clock.millis()), longestLifetime);
    }
}
