package br.com.healthmed.query.cache;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What keeps a Redis cache of projected views from ever serving an entry older than the last projected change, while
 * Redis may fail at any moment (ADR 0015): a {@link CircuitBreaker} stops calling Redis after a few failures in a row,
 * and a change that cannot be told to Redis is <em>owed</em> — reads on this replica bypass the cache meanwhile, and
 * the first call that reaches Redis again bumps the cache's epoch, which voids every entry at once, before anything is
 * read from the cache again. The epoch is part of every key the cache builds.
 */
public final class RedisCacheGuard {

    private static final Logger log = LoggerFactory.getLogger(RedisCacheGuard.class);

    private final String cache;
    private final String epochKey;
    private final StringRedisTemplate redis;
    private final CircuitBreaker breaker;
    /** Changes Redis could not be told of, and how many of them a later epoch bump has covered. */
    private final AtomicLong owed = new AtomicLong();
    private final AtomicLong settled = new AtomicLong();

    /**
     * @param cache    what the logs call the cache ("Agenda cache")
     * @param epochKey the Redis key of the epoch every cache key includes
     */
    public RedisCacheGuard(String cache, String epochKey, StringRedisTemplate redis, CircuitBreaker breaker) {
        this.cache = cache;
        this.epochKey = epochKey;
        this.redis = redis;
        this.breaker = breaker;
    }

    public String epochKey() {
        return epochKey;
    }

    /** Whether the cache may be read now: nothing owed (settled first if it can be) and the breaker lets calls through. */
    public boolean readable() {
        return settleOwedEpoch() && breaker.allowsCall();
    }

    /** Whether what was just loaded may be written: nothing owed and the breaker lets calls through. */
    public boolean writable() {
        return !owing() && breaker.allowsCall();
    }

    /**
     * Tells Redis of a change by {@code tellRedis}, or owes it when Redis cannot be told. Never throws: a projection
     * must not stall because Redis is away.
     */
    public void changed(Runnable tellRedis) {
        if (!settleOwedEpoch()) {
            return;
        }
        if (!breaker.allowsCall()) {
            owe();
            return;
        }
        try {
            tellRedis.run();
            breaker.succeeded();
        } catch (RuntimeException e) {
            unreachable("change remembered", e);
            owe();
        }
    }

    /** Voids every entry: owed, and settled now if Redis answers. Never throws. */
    public void forgetAll() {
        owe();
        settleOwedEpoch();
    }

    public void succeeded() {
        breaker.succeeded();
    }

    public void unreachable(String consequence, RuntimeException e) {
        breaker.failed();
        log.warn("{} unavailable, {}: {}", cache, consequence, e.getMessage());
    }

    /** Whether reads bypass Redis right now (the breaker is open or a change is still owed to it). */
    public boolean bypassed() {
        return owing() || breaker.state() != CircuitBreaker.State.CLOSED;
    }

    /**
     * Bumps the epoch if a change is owed; true when nothing is owed any more. A change missed while the bump is on
     * its way counts beyond what the bump covers, so it is never lost.
     */
    public boolean settleOwedEpoch() {
        long target = owed.get();
        if (settled.get() >= target) {
            return true;
        }
        if (!breaker.allowsCall()) {
            return false;
        }
        try {
            redis.opsForValue().increment(epochKey);
            breaker.succeeded();
        } catch (RuntimeException e) {
            unreachable("epoch still owed", e);
            return false;
        }
        settled.accumulateAndGet(target, Math::max);
        log.info("{} reachable again: every cached entry voided", cache);
        return !owing();
    }

    private void owe() {
        owed.incrementAndGet();
    }

    private boolean owing() {
        return settled.get() < owed.get();
    }
}
