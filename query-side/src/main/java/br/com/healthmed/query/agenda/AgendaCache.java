package br.com.healthmed.query.agenda;

import br.com.healthmed.api.common.Money;
import br.com.healthmed.query.cache.CircuitBreaker;
import br.com.healthmed.query.cache.RedisCacheGuard;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The public agenda is the hottest read (every patient browsing a doctor), so each doctor's future free slots live in
 * Redis. Keys carry a per-doctor version that the projections bump right after writing MongoDB: a reader takes the
 * version first and the data second, so whatever it caches under a version is at least as new as that version, and
 * once an event is projected no reader can reach an older entry. Old entries simply expire.
 * <p>
 * Redis being down or slow only costs speed, never correctness or progress (ADR 0015):
 * <ul>
 *   <li>every call has the short command timeout of {@code spring.data.redis.timeout}, and a {@link CircuitBreaker}
 *   stops calling Redis after a few failures in a row, so reads go straight to MongoDB without waiting;</li>
 *   <li>a change that cannot be told to Redis never fails the projection: it is remembered instead, reads on this
 *   replica bypass the cache meanwhile, and the first call that reaches Redis again bumps the epoch, which voids every
 *   cached agenda at once, before anything is read from the cache again (retried every
 *   {@code healthmed.agenda-cache.retry-interval} when nothing else calls).</li>
 * </ul>
 */
@Component
public class AgendaCache implements AgendaChanges {

    private static final Logger log = LoggerFactory.getLogger(AgendaCache.class);
    private static final String EPOCH = "agenda:epoch";

    private final StringRedisTemplate redis;
    private final ObjectMapper json;
    private final AgendaCacheProperties properties;
    private final RedisCacheGuard guard;

    AgendaCache(StringRedisTemplate redis, ObjectMapper json, AgendaCacheProperties properties, Clock clock) {
        this.redis = redis;
        this.json = json;
        this.properties = properties;
        this.guard = new RedisCacheGuard("Agenda cache", EPOCH, redis,
                new CircuitBreaker(properties.failureThreshold(), properties.openFor(), clock));
    }

    record CachedSlot(String slotId, Instant start, Instant end) {
    }

    /** A verified doctor's free slots from the moment it was cached, with what the public view needs of the doctor. */
    record CachedAgenda(String doctorId, String timeZone, Money price, List<CachedSlot> slots) {
    }

    CachedAgenda get(String doctorId, Supplier<CachedAgenda> load) {
        if (!guard.readable()) {
            return load.get();
        }
        String key;
        try {
            key = currentKeyOf(doctorId);
            String cached = redis.opsForValue().get(key);
            guard.succeeded();
            if (cached != null) {
                return json.readValue(cached, CachedAgenda.class);
            }
        } catch (RuntimeException e) {
            guard.unreachable("reading MongoDB", e);
            return load.get();
        } catch (JsonProcessingException e) {
            log.warn("Unreadable cached agenda, reading MongoDB: {}", e.getMessage());
            return load.get();
        }
        CachedAgenda loaded = load.get();
        if (!guard.writable()) {
            return loaded;
        }
        try {
            redis.opsForValue().set(key, json.writeValueAsString(loaded), properties.ttl());
            guard.succeeded();
        } catch (RuntimeException e) {
            guard.unreachable("not caching", e);
        } catch (JsonProcessingException e) {
            log.warn("Agenda not cached: {}", e.getMessage());
        }
        return loaded;
    }

    /** Never throws: a projection must not stall because Redis cannot be told (see the class comment). */
    @Override
    public void changed(String doctorId) {
        guard.changed(() -> redis.opsForValue().increment(versionKey(doctorId)));
    }

    /** Never throws, like {@link #changed}. */
    @Override
    public void forgetAll() {
        guard.forgetAll();
    }

    /** The key of the entry a reader would use now; for tests and operators. */
    Optional<String> currentKey(String doctorId) {
        String key = currentKeyOf(doctorId);
        return Boolean.TRUE.equals(redis.hasKey(key)) ? Optional.of(key) : Optional.empty();
    }

    /** Whether reads bypass Redis right now (the breaker is open or a change is still owed to it). */
    boolean bypassed() {
        return guard.bypassed();
    }

    @Scheduled(fixedDelayString = "${healthmed.agenda-cache.retry-interval:PT2S}")
    void settleOwedEpochInTheBackground() {
        guard.settleOwedEpoch();
    }

    private String currentKeyOf(String doctorId) {
        return "agenda:" + value(EPOCH) + ":" + doctorId + ":" + value(versionKey(doctorId));
    }

    private String value(String key) {
        String value = redis.opsForValue().get(key);
        return value == null ? "0" : value;
    }

    private static String versionKey(String doctorId) {
        return "agenda:version:" + doctorId;
    }
}
