package br.com.healthmed.command.ratelimit;

import br.com.healthmed.command.privacy.PrivacyProperties;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Token buckets in Redis (Bucket4j over Lettuce, compare-and-swap), shared by every replica: each scope and subject
 * (a client address, a login name, a patient) has its own bucket. Keys are {@code ratelimit:<scope>:<HMAC>}, so Redis
 * never holds an e-mail, CPF, CRM or IP address, and each expires once its bucket is full again. Time comes from the
 * injected clock. A Redis that cannot be reached is a 503 store-unavailable, never a request let through unthrottled.
 */
@Component
public class RateLimits implements DisposableBean {

    private static final String PREFIX = "ratelimit:";
    private static final Logger LOG = LoggerFactory.getLogger(RateLimits.class);
    private static final Limit WARM_UP_LIMIT = Limit.of(1, Duration.ofSeconds(1));

    /**
     * A bucket of {@code capacity} tokens that regains {@code refillTokens} every {@code refillPeriod}, evenly (a token
     * comes back every {@code refillPeriod / refillTokens}), so a client that spent them all is slowed, not shut out.
     */
    public record Limit(long capacity, long refillTokens, Duration refillPeriod) {

        public Limit {
            if (capacity < 1 || refillTokens < 1 || refillPeriod == null || refillPeriod.isNegative() || refillPeriod.isZero()) {
                throw new IllegalArgumentException("a limit needs a capacity, tokens and a period above zero");
            }
        }

        /** {@code count} tokens per {@code window}, all of them available at once. */
        public static Limit of(long count, Duration window) {
            return new Limit(count, count, window);
        }

        BucketConfiguration configuration() {
            return BucketConfiguration.builder()
                    .addLimit(limit -> limit.capacity(capacity).refillGreedy(refillTokens, refillPeriod))
                    .build();
        }
    }

    private final LettuceConnectionFactory connections;
    private final Clock clock;
    private static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(5);

    private final Duration timeout;
    private final Duration maxWait;
    private final SecretKeySpec keyKey;
    /**
     * Concurrent changes of one bucket would each read, compute and compare-and-swap, and all but one retry: a burst
     * from one address degrades into rounds of retries that outlast the timeout. Within one replica they take turns
     * instead (striped by key); only replicas still race each other.
     */
    private final ReentrantLock[] stripes = new ReentrantLock[256];
    private volatile Backend backend;

    public RateLimits(LettuceConnectionFactory connections, PrivacyProperties privacy, Clock clock) {
        this(connections, privacy, clock, DEFAULT_MAX_WAIT);
    }

    /** @param maxWait how long a request waits for its turn on one bucket while others of this replica change it */
    @Autowired
    public RateLimits(LettuceConnectionFactory connections, PrivacyProperties privacy, Clock clock,
                      @Value("${healthmed.security.rate-limits.max-wait:PT5S}") Duration maxWait) {
        this.connections = connections;
        this.clock = clock;
        this.maxWait = maxWait;
        this.timeout = Optional.ofNullable(connections.getClientConfiguration().getCommandTimeout()).orElse(Duration.ofSeconds(1));
        // A key of its own, derived from the lookup key, so bucket keys cannot be matched with the account tables.
        this.keyKey = new SecretKeySpec(hmac(new SecretKeySpec(Base64.getDecoder().decode(privacy.lookupKey()), "HmacSHA256"),
                "healthmed/rate-limits"), "HmacSHA256");
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** Takes one token, or says how long until one is there (and takes nothing). */
    public Optional<Duration> tryTake(String scope, String subject, Limit limit) {
        ConsumptionProbe probe = call(scope, subject, limit, bucket -> bucket.tryConsumeAndReturnRemaining(1));
        return probe.isConsumed() ? Optional.empty() : Optional.of(Duration.ofNanos(Math.max(1, probe.getNanosToWaitForRefill())));
    }

    /** Puts back a token taken for something that turned out not to count (a successful login). */
    public void giveBack(String scope, String subject, Limit limit) {
        call(scope, subject, limit, bucket -> {
            bucket.addTokens(1);
            return null;
        });
    }

    /** Fills the bucket again, as if the subject had never spent anything. */
    public void reset(String scope, String subject, Limit limit) {
        call(scope, subject, limit, bucket -> {
            bucket.reset();
            return null;
        });
    }

    /** How many tokens are left now, for tests and diagnostics. */
    public long available(String scope, String subject, Limit limit) {
        return call(scope, subject, limit, BucketProxy::getAvailableTokens);
    }

    /** The Redis key of a subject's bucket; it names neither the subject nor, for addresses, the address. */
    public String keyOf(String scope, String subject) {
        return PREFIX + scope + ":" + HexFormat.of().formatHex(hmac(keyKey, scope + "\0" + subject));
    }

    private <T> T call(String scope, String subject, Limit limit, Function<BucketProxy, T> operation) {
        String key = keyOf(scope, subject);
        ReentrantLock stripe = stripes[Math.floorMod(key.hashCode(), stripes.length)];
        try {
            if (!stripe.tryLock(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new RedisConnectionFailureException("rate limits: too many changes of one bucket at once");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisConnectionFailureException("rate limits: interrupted", e);
        }
        try {
            BucketProxy bucket = backend().buckets().builder().build(key, limit::configuration);
            return operation.apply(bucket);
        } catch (RuntimeException e) {
            if (isRedisFailure(e)) {
                throw new RedisConnectionFailureException("rate limits in Redis are unavailable", e);
            }
            throw e;
        } finally {
            stripe.unlock();
        }
    }

    /** Redis unreachable or too slow (Lettuce's failures, Bucket4j's own timeout): the store is unavailable, not a bug. */
    private static boolean isRedisFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof RedisException || t instanceof io.github.bucket4j.TimeoutException
                    || t instanceof java.util.concurrent.TimeoutException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /**
     * Connects and runs one bucket operation once the application is ready, so the first login does not pay for the
     * connection, the SELECT and Bucket4j's first compare-and-swap inside its request timeout (on a loaded machine
     * that first call alone answered 503). Failing here changes nothing: the next request connects again.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void warmUp() {
        try {
            available("warm-up", "connection", WARM_UP_LIMIT);
        } catch (RuntimeException e) {
            LOG.warn("Redis rate limits not reachable at start-up; the first requests will try again: {}", e.toString());
        }
    }

    /** Connected on first use, so the application starts (and answers 503) while Redis is away. */
    private Backend backend() {
        Backend current = backend;
        if (current == null) {
            synchronized (this) {
                current = backend;
                if (current == null) {
                    current = connect();
                    backend = current;
                }
            }
        }
        return current;
    }

    private Backend connect() {
        if (!(connections.getRequiredNativeClient() instanceof RedisClient client)) {
            throw new IllegalStateException("rate limits need a standalone Redis (a Lettuce RedisClient)");
        }
        StatefulRedisConnection<String, byte[]> connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        connection.setTimeout(timeout);
        // The shared client's URI may not carry the database index; the connection remembers it when it reconnects.
        connection.sync().select(connections.getDatabase());
        ProxyManager<String> buckets = Bucket4jLettuce.casBasedBuilder(connection)
                .clientClock(new ClockTimeMeter(clock))
                // One change is a read and a compare-and-swap, each bounded by the Redis command timeout.
                .requestTimeout(timeout.multipliedBy(2))
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build();
        return new Backend(connection, buckets);
    }

    @Override
    public void destroy() {
        Backend current = backend;
        if (current != null) {
            current.connection().close();
        }
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

    private record Backend(StatefulRedisConnection<String, byte[]> connection, ProxyManager<String> buckets) {
    }

    /** Bucket4j's time from our clock, so tests can move it. */
    private record ClockTimeMeter(Clock clock) implements TimeMeter {

        @Override
        public long currentTimeNanos() {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
