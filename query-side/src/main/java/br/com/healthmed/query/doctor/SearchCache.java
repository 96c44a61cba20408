package br.com.healthmed.query.doctor;

import br.com.healthmed.query.cache.CircuitBreaker;
import br.com.healthmed.query.cache.RedisCacheGuard;
import br.com.healthmed.query.web.PageView;
import br.com.healthmed.query.web.RenderedJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Search answers in Redis, shared by the replicas (ADR 0035): the emulator, and any MongoDB, is the cost of a search,
 * and the same few searches (a specialty, its first page) are repeated by every browsing patient. What is stored is the
 * page as the API writes it, so a hit is one round trip and a copy: reading the page back into objects and writing
 * them out again cost a cached search more than Redis did.
 * <p>
 * A page is stored under its scope (its specialty, or {@code ALL} without one) and normalized query, together with the
 * generations it was read under: the search epoch, which the doctors projection bumps when a doctor is listed,
 * unlisted or edited (or the view is reset), and the scope's generation, bumped when a listed doctor's next free slot
 * moves. The writers bump right after writing MongoDB and before the projection's position is committed. A reader
 * fetches both generations and the page in one {@code MGET} (atomic, one round trip: on a busy machine every extra
 * hop between threads and processes costs more than the work) and uses the page only if it was stored under exactly
 * those generations; on a miss it reads MongoDB after having taken the generations, so what it stores is at least as
 * new as the generations it stores with. Once a change is projected, no reader can use a page from before it. Nothing
 * is ever deleted: a page stored under older generations is simply not used, and pages expire after the TTL.
 * <p>
 * Redis being down or slow only costs speed, as for the agenda cache ({@code AgendaCache}): a short command timeout and
 * a {@link CircuitBreaker} send searches to MongoDB, and a change that cannot be told to Redis is owed: this replica
 * bypasses the cache until a later call bumps the epoch, which voids every cached page at once. The TTL bounds what
 * another replica could serve meanwhile.
 * <p>
 * Memory is bounded by the TTL, the largest page cached ({@code max-entry-bytes}) and the pages a replica may add per
 * second ({@code max-writes-per-second}), whatever searches clients make up.
 */
@Component
class SearchCache implements SearchChanges {

    static final String PREFIX = "search:";
    private static final String EPOCH = PREFIX + "epoch";
    private static final String GENERATION = PREFIX + "generation:";
    /** Rendered answers; pages of the first version (objects, not answers) were under {@code search:page:}. */
    static final String ANSWER = PREFIX + "answer:";
    /** The scope of a search without a specialty: every change moves it. */
    static final String ALL = "ALL";

    private final StringRedisTemplate redis;
    private final ObjectMapper json;
    private final SearchCacheProperties properties;
    private final Clock clock;
    private final RedisCacheGuard guard;
    private final AtomicLong writeSecond = new AtomicLong(Long.MIN_VALUE);
    private final AtomicInteger writesThisSecond = new AtomicInteger();
    private final Counter hits;
    private final Counter misses;
    private final Counter bypasses;

    SearchCache(StringRedisTemplate redis, ObjectMapper json, SearchCacheProperties properties, Clock clock,
                MeterRegistry meters) {
        this.redis = redis;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
        this.guard = new RedisCacheGuard("Search cache", EPOCH, redis,
                new CircuitBreaker(properties.failureThreshold(), properties.openFor(), clock));
        this.hits = outcome(meters, "hit");
        this.misses = outcome(meters, "miss");
        this.bypasses = outcome(meters, "bypass");
    }

    private static Counter outcome(MeterRegistry meters, String outcome) {
        return Counter.builder("healthmed.search.cache").description("Doctor searches by what the Redis cache did")
                .tag("outcome", outcome).register(meters);
    }

    /** The answer from Redis when it is there, else {@code load}'s, cached for the next reader. */
    RenderedJson<PageView<DoctorViews.DoctorView>> get(Doctors.Search search, int page, int size, boolean withTotal,
                                                       Supplier<PageView<DoctorViews.DoctorView>> load) {
        if (!properties.enabled() || !guard.readable()) {
            bypasses.increment();
            return render(load);
        }
        String scope = search.specialty() == null ? ALL : search.specialty().name();
        String key = ANSWER + scope + ":" + digest(normalized(search, page, size, withTotal));
        String generations;
        try {
            List<String> values = redis.opsForValue().multiGet(List.of(EPOCH, GENERATION + scope, key));
            guard.succeeded();
            generations = orZero(values.get(0)) + ":" + orZero(values.get(1)) + "\n";
            String cached = values.get(2);
            if (cached != null && cached.startsWith(generations)) {
                hits.increment();
                return new RenderedJson<>(cached.substring(generations.length()));
            }
        } catch (RuntimeException e) {
            guard.unreachable("reading MongoDB", e);
            bypasses.increment();
            return render(load);
        }
        misses.increment();
        RenderedJson<PageView<DoctorViews.DoctorView>> loaded = render(load);
        if (!guard.writable()) {
            return loaded;
        }
        try {
            String value = generations + loaded.json();
            if (value.getBytes(StandardCharsets.UTF_8).length <= properties.maxEntryBytes() && mayWrite()) {
                redis.opsForValue().set(key, value, properties.ttl());
                guard.succeeded();
            }
        } catch (RuntimeException e) {
            guard.unreachable("not caching", e);
        }
        return loaded;
    }

    /** The answer read now, past the cache (a read-your-writes read, see the controller). */
    RenderedJson<PageView<DoctorViews.DoctorView>> render(Supplier<PageView<DoctorViews.DoctorView>> load) {
        return RenderedJson.of(load.get(), json);
    }

    /** Never throws: a projection must not stall because Redis cannot be told (see the class comment). */
    @Override
    public void changed(String specialty) {
        bump(GENERATION + specialty, GENERATION + ALL);
    }

    /** Never throws, like {@link #changed}. */
    @Override
    public void changedAll() {
        bump(EPOCH);
    }

    /** Whether searches bypass Redis right now (turned off, the breaker is open or a change is still owed to it). */
    boolean bypassed() {
        return !properties.enabled() || guard.bypassed();
    }

    @Scheduled(fixedDelayString = "${healthmed.search-cache.retry-interval:PT2S}")
    void settleOwedEpochInTheBackground() {
        guard.settleOwedEpoch();
    }

    private void bump(String... counters) {
        if (!properties.enabled()) {
            return;
        }
        guard.changed(() -> {
            for (String counter : counters) {
                redis.opsForValue().increment(counter);
            }
        });
    }

    /** At most {@code maxWritesPerSecond} new pages per replica and second of the clock. */
    private boolean mayWrite() {
        long second = clock.millis() / 1000;
        long window = writeSecond.get();
        if (window != second && writeSecond.compareAndSet(window, second)) {
            writesThisSecond.set(0);
        }
        return writesThisSecond.incrementAndGet() <= properties.maxWritesPerSecond();
    }

    /**
     * What decides the answer, and nothing else: the specialty, the name as the search matches it (its search form),
     * the price bound, the page, its size and whether the total is counted.
     */
    static String normalized(Doctors.Search search, int page, int size, boolean withTotal) {
        String name = search.name() == null || search.name().isBlank() ? "-" : "=" + NameKey.of(search.name());
        return (search.specialty() == null ? "" : search.specialty().name()) + "\n" + name + "\n"
                + (search.maxPriceCents() == null ? "" : search.maxPriceCents()) + "\n" + page + "\n" + size + "\n"
                + withTotal;
    }

    private static String orZero(String value) {
        return value == null ? "0" : value;
    }

    /** Keys of one size whatever the name searched: a SHA-256 of the normalized query. */
    private static String digest(String normalized) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(normalized.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
