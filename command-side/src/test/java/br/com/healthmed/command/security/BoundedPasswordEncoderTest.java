package br.com.healthmed.command.security;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BoundedPasswordEncoderTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

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

    @Test
    void when_every_permit_is_taken_a_hash_is_refused_at_once_with_503_and_retry_after() throws Exception {
        HeldEncoder held = new HeldEncoder();
        BoundedPasswordEncoder encoder = new BoundedPasswordEncoder(held, 1, Duration.ZERO, meters);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> encoder.encode("first"));
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
        BoundedPasswordEncoder encoder = new BoundedPasswordEncoder(failing, 1, Duration.ZERO, meters);

        assertThatThrownBy(() -> encoder.encode("x")).isInstanceOf(IllegalStateException.class);

        assertThat(encoder.matches("x", "y")).isTrue();
    }

    @Test
    void the_bound_follows_the_heap_and_the_processors() {
        assertThat(BoundedPasswordEncoder.sizeFor(Runtime.getRuntime())).isBetween(1, 2 * Runtime.getRuntime().availableProcessors());
        assertThat(new BoundedPasswordEncoder(new HeldEncoder(), 3, Duration.ZERO, meters).size()).isEqualTo(3);
        assertThatThrownBy(() -> new BoundedPasswordEncoder(new HeldEncoder(), 0, Duration.ZERO, meters))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
