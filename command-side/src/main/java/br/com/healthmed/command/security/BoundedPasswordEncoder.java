package br.com.healthmed.command.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Lets at most a fixed number of password hashes run at once. Each Argon2id computation holds 19 MiB and tens of
 * milliseconds of CPU; without a bound, a burst of registrations or logins fills the heap and the processors (virtual
 * threads do not bound it: they only queue for the carriers). A request that finds every permit taken waits briefly,
 * then is refused with 503 password-hashing-busy and Retry-After, before any work is done. The meter
 * {@code healthmed.password.hashing} counts computations ({@code outcome=hashed|verified}) and refusals ({@code busy}).
 */
public class BoundedPasswordEncoder implements PasswordEncoder {

    /** Argon2id's memory per computation (PasswordConfig). */
    static final long MEMORY_PER_HASH = 19L * 1024 * 1024;
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final PasswordEncoder delegate;
    private final Semaphore permits;
    private final int size;
    private final Duration maxWait;
    private final Counter hashed;
    private final Counter verified;
    private final Counter busy;

    public BoundedPasswordEncoder(PasswordEncoder delegate, int maxConcurrent, Duration maxWait, MeterRegistry meters) {
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("at least one password hash must be allowed at a time");
        }
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

    private void acquire() {
        try {
            if (!permits.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
                busy.increment();
                throw new PasswordHashingBusyException(RETRY_AFTER);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            busy.increment();
            throw new PasswordHashingBusyException(RETRY_AFTER);
        }
    }
}
