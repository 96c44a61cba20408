package br.com.healthmed.command.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lets at most a fixed number of password hashes run at once. Each Argon2id computation holds 19 MiB and tens of
 * milliseconds of CPU; without a bound, a burst of registrations or logins fills the heap and the processors (virtual
 * threads do not bound it: they only queue for the carriers). A request that finds every permit taken joins a short,
 * bounded queue (FIFO: the semaphore is fair) and waits at most {@code maxWait} for a turn; one that finds the queue
 * full, or whose wait runs out, is refused with 503 password-hashing-busy and Retry-After, before any work is done
 * (ADR 0036). A waiting request holds no Argon2 memory, only its thread and request, so the queue costs kilobytes; and
 * when the queue is full the refusal is immediate. The meter {@code healthmed.password.hashing} counts computations
 * ({@code outcome=hashed|verified}) and refusals ({@code busy}).
 */
public class BoundedPasswordEncoder implements PasswordEncoder {

    /** Argon2id's memory per computation (PasswordConfig). */
    static final long MEMORY_PER_HASH = 19L * 1024 * 1024;
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final PasswordEncoder delegate;
    private final Semaphore permits;
    private final int size;
    private final int maxWaiting;
    private final AtomicInteger waiting = new AtomicInteger();
    private final Duration maxWait;
    private final Counter hashed;
    private final Counter verified;
    private final Counter busy;

    /**
     * @param maxConcurrent hashes computed at once
     * @param maxWaiting    requests that may wait for a turn at once (0: refuse at once when every permit is taken)
     * @param maxWait       how long one of them waits before it is refused
     */
    public BoundedPasswordEncoder(PasswordEncoder delegate, int maxConcurrent, int maxWaiting, Duration maxWait,
                                  MeterRegistry meters) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("at least one password hash must be allowed at a time");
        }
        if (maxWaiting < 0) {
            throw new IllegalArgumentException("the number of requests waiting for a hash cannot be negative");
        }
        this.maxWaiting = maxWaiting;
        this.delegate = delegate;
        this.permits = new Semaphore(maxConcurrent, true);
        this.size = maxConcurrent;
        this.maxWait = maxWait;
        this.hashed = counter(meters, "hashed");
        this.verified = counter(meters, "verified");
        this.busy = counter(meters, "busy");
    }

    private static Counter counter(MeterRegistry meters, String outcome) {
        return Counter.builder("healthmed.password.hashing").tag("outcome", outcome)
                .description("Argon2 computations run, and those refused because every permit was taken")
                .register(meters);
    }

    /**
     * No more at once than twice the processors (more would only make each slower), and no more than a quarter of the
     * heap's worth of Argon2 memory.
     */
    public static int sizeFor(Runtime runtime) {
        long byMemory = runtime.maxMemory() / 4 / MEMORY_PER_HASH;
        long byCpu = 2L * runtime.availableProcessors();
        return (int) Math.max(1, Math.min(byCpu, byMemory));
    }

    public int size() {
        return size;
    }

    @Override
    public String encode(CharSequence rawPassword) {
        acquire();
        try {
            hashed.increment();
            return delegate.encode(rawPassword);
        } finally {
            permits.release();
        }
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        acquire();
        try {
            verified.increment();
            return delegate.matches(rawPassword, encodedPassword);
        } finally {
            permits.release();
        }
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return delegate.upgradeEncoding(encodedPassword);
    }

    /** Requests waiting for a turn right now. */
    int waiting() {
        return waiting.get();
    }

    private void acquire() {
        if (permits.tryAcquire()) {
            return;
        }
        if (waiting.incrementAndGet() > maxWaiting) {
            waiting.decrementAndGet();
            throw refused();
        }
        try {
            if (!permits.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw refused();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw refused();
        } finally {
            waiting.decrementAndGet();
        }
    }

    private PasswordHashingBusyException refused() {
        busy.increment();
        return new PasswordHashingBusyException(RETRY_AFTER);
    }
}
