package br.com.healthmed.command.security;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedPasswordEncoderTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    /** One thread per request, as Tomcat's virtual threads: the common pool may have a single worker on 2 cores. */
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    /** Stands in for Argon2: holds its turn until the test lets it finish. */
    private static final class HeldEncoder implements PasswordEncoder {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public String encode(CharSequence rawPassword) {
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "hash:" + rawPassword;
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            return encodedPassword.equals("hash:" + rawPassword);
        }
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void when_every_permit_is_taken_a_hash_is_refused_at_once_with_503_and_retry_after() throws Exception {
        HeldEncoder held = new HeldEncoder();
        BoundedPasswordEncoder encoder = new BoundedPasswordEncoder(held, 1, 0, Duration.ZERO, meters);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> encoder.encode("first"), threads);
        assertThat(held.started.await(5, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> encoder.matches("second", "hash:second"))
                .isInstanceOfSatisfying(PasswordHashingBusyException.class, busy -> {
                    assertThat(busy.code()).isEqualTo("password-hashing-busy");
                    assertThat(busy.status().value()).isEqualTo(503);
                    assertThat(busy.retryAfter()).isEqualTo(Duration.ofSeconds(1));
                });

        held.release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("hash:first");
        assertThat(encoder.matches("second", "hash:second")).as("the permit is free again").isTrue();
        assertThat(meters.counter("healthmed.password.hashing", "outcome", "busy").count()).isEqualTo(1);
        assertThat(meters.counter("healthmed.password.hashing", "outcome", "hashed").count()).isEqualTo(1);
        assertThat(meters.counter("healthmed.password.hashing", "outcome", "verified").count()).isEqualTo(1);
    }

    @Test
    void a_request_that_finds_every_permit_taken_waits_in_the_queue_and_gets_the_next_turn() throws Exception {
        HeldEncoder held = new HeldEncoder();
        BoundedPasswordEncoder encoder = new BoundedPasswordEncoder(held, 1, 1, Duration.ofSeconds(30), meters);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> encoder.encode("first"), threads);
        assertThat(held.started.await(5, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> encoder.matches("second", "hash:second"), threads);
        awaitWaiting(encoder, 1);
        assertThat(waiting).as("still waiting for the one permit").isNotDone();

        held.release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("hash:first");
        assertThat(waiting.get(5, TimeUnit.SECONDS)).as("a slower success, not a refusal").isTrue();
        assertThat(meters.counter("healthmed.password.hashing", "outcome", "busy").count()).isZero();
    }

    @Test
    void when_the_queue_is_full_the_next_request_is_refused_at_once_however_long_the_wait_may_be() throws Exception {
        HeldEncoder held = new HeldEncoder();
        BoundedPasswordEncoder encoder = new BoundedPasswordEncoder(held, 1, 1, Duration.ofSeconds(30), meters);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> encoder.encode("first"), threads);
        assertThat(held.started.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Boolean> queued = CompletableFuture.supplyAsync(() -> encoder.matches("second", "hash:second"), threads);
        awaitWaiting(encoder, 1);

        long before = System.nanoTime();
        assertThatThrownBy(() -> encoder.matches("third", "hash:third"))
                .isInstanceOfSatisfying(PasswordHashingBusyException.class,
                        busy -> assertThat(busy.retryAfter()).isEqualTo(Duration.ofSeconds(1)));
        assertThat(Duration.ofNanos(System.nanoTime() - before)).as("not the 30 s wait").isLessThan(Duration.ofSeconds(10));

        held.release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("hash:first");
        assertThat(queued.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(meters.counter("healthmed.password.hashing", "outcome", "busy").count()).isEqualTo(1);
        assertThat(encoder.matches("fourth", "hash:fourth")).as("the queue has room again").isTrue();
    }

    @Test
    void a_waiting_request_whose_wait_runs_out_is_refused_and_leaves_the_queue() throws Exception {
        HeldEncoder held = new HeldEncoder();
        BoundedPasswordEncoder encoder = new BoundedPasswordEncoder(held, 1, 1, Duration.ofMillis(100), meters);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> encoder.encode("first"), threads);
        assertThat(held.started.await(5, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> encoder.matches("second", "hash:second")).isInstanceOf(PasswordHashingBusyException.class);
        assertThat(encoder.waiting()).isZero();
        long before = System.nanoTime();
        assertThatThrownBy(() -> encoder.matches("third", "hash:third")).isInstanceOf(PasswordHashingBusyException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - before)).as("it was let into the queue and waited its turn out")
                .isGreaterThanOrEqualTo(Duration.ofMillis(100));

        held.release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("hash:first");
        assertThat(meters.counter("healthmed.password.hashing", "outcome", "busy").count()).isEqualTo(2);
    }

    private static void awaitWaiting(BoundedPasswordEncoder encoder, int count) throws InterruptedException {
        for (int i = 0; i < 500 && encoder.waiting() < count; i++) {
            Thread.sleep(10);
        }
        assertThat(encoder.waiting()).isEqualTo(count);
    }

    @Test
    void a_failing_hash_gives_its_permit_back() {
        PasswordEncoder failing = new PasswordEncoder() {
            @Override
            public String encode(CharSequence rawPassword) {
                throw new IllegalStateException("broken");
            }

            @Override
            public boolean matches(CharSequence rawPassword, String encodedPassword) {
                return true;
            }
        };
        BoundedPasswordEncoder encoder = new BoundedPasswordEncoder(failing, 1, 0, Duration.ZERO, meters);

        assertThatThrownBy(() -> encoder.encode("x")).isInstanceOf(IllegalStateException.class);

        assertThat(encoder.matches("x", "y")).isTrue();
    }

    @Test
    void the_bound_follows_the_heap_and_the_processors() {
        assertThat(BoundedPasswordEncoder.sizeFor(Runtime.getRuntime())).isBetween(1, 2 * Runtime.getRuntime().availableProcessors());
        assertThat(new BoundedPasswordEncoder(new HeldEncoder(), 3, 0, Duration.ZERO, meters).size()).isEqualTo(3);
        assertThatThrownBy(() -> new BoundedPasswordEncoder(new HeldEncoder(), 0, 0, Duration.ZERO, meters))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BoundedPasswordEncoder(new HeldEncoder(), 1, -1, Duration.ZERO, meters))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
