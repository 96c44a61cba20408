package br.com.healthmed.query.agenda;

import br.com.healthmed.api.common.Money;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The public agenda is the hottest read (every patient browsing a doctor), so each doctor's future free slots live in
 * Redis. Keys carry a per-doctor version that the projections bump right after writing MongoDB: a reader takes the
 * version first and the data second, so whatever it caches under a version is at least as new as that version, and
 * once an event is projected no reader can reach an older entry. Old entries simply expire.
 * Redis being down only costs speed: reads fall back to MongoDB.
 */
@Component
public class AgendaCache implements AgendaChanges {

    private static final Logger log = LoggerFactory.getLogger(AgendaCache.class);
    private static final String EPOCH = "agenda:epoch";

    private final StringRedisTemplate redis;
    private final ObjectMapper json;
    private final Duration ttl;

    AgendaCache(StringRedisTemplate redis, ObjectMapper json, @Value("${healthmed.agenda-cache.ttl:PT5M}") Duration ttl) {
        this.redis = redis;
        this.json = json;
        this.ttl = ttl;
    }

    record CachedSlot(String slotId, Instant start, Instant end) {
    }

    /** A verified doctor's free slots from the moment it was cached, with what the public view needs of the doctor. */
    record CachedAgenda(String doctorId, String timeZone, Money price, List<CachedSlot> slots) {
    }

    CachedAgenda get(String doctorId, Supplier<CachedAgenda> load) {
        String key;
        try {
            key = "agenda:" + value(EPOCH) + ":" + doctorId + ":" + value(versionKey(doctorId));
            String cached = redis.opsForValue().get(key);
            if (cached != null) {
                return json.readValue(cached, CachedAgenda.class);
            }
        } catch (DataAccessException | JsonProcessingException e) {
            log.warn("Agenda cache unavailable, reading MongoDB: {}", e.getMessage());
            return load.get();
        }
        CachedAgenda loaded = load.get();
        try {
            redis.opsForValue().set(key, json.writeValueAsString(loaded), ttl);
        } catch (DataAccessException | JsonProcessingException e) {
            log.warn("Agenda cache unavailable, not caching: {}", e.getMessage());
        }
        return loaded;
    }

    @Override
    public void changed(String doctorId) {
        redis.opsForValue().increment(versionKey(doctorId));
    }

    @Override
    public void forgetAll() {
        redis.opsForValue().increment(EPOCH);
    }

    /** The key of the entry a reader would use now; for tests and operators. */
    Optional<String> currentKey(String doctorId) {
        String key = "agenda:" + value(EPOCH) + ":" + doctorId + ":" + value(versionKey(doctorId));
        return Boolean.TRUE.equals(redis.hasKey(key)) ? Optional.of(key) : Optional.empty();
    }

    private String value(String key) {
        String value = redis.opsForValue().get(key);
        return value == null ? "0" : value;
    }

    private static String versionKey(String doctorId) {
        return "agenda:version:" + doctorId;
    }
}
