package br.com.healthmed.query.cache;

import br.com.healthmed.testing.MovableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CircuitBreakerTest {

    MovableClock clock = new MovableClock(Instant.parse("2026-12-01T12:00:00Z"));
    CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(5), clock);

    @Test
    void fewer_failures_in_a_row_than_the_threshold_keep_it_closed() {
        breaker.failed();
        breaker.failed();
        breaker.succeeded();
        breaker.failed();
        breaker.failed();

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.allowsCall()).isTrue();
    }

    @Test
    void the_threshold_opens_it_and_no_call_goes_through_while_open() {
        breaker.failed();
        breaker.failed();
        breaker.failed();

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        clock.advance(Duration.ofSeconds(4));
        assertThat(breaker.allowsCall()).isFalse();
    }

    @Test
    void after_the_open_time_one_trial_goes_through_and_its_success_closes_it() {
        openIt();
        clock.advance(Duration.ofSeconds(5));

        assertThat(breaker.allowsCall()).as("the trial").isTrue();
        assertThat(breaker.allowsCall()).as("a second caller during the trial").isFalse();
        breaker.succeeded();

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.allowsCall()).isTrue();
    }

    @Test
    void a_failed_trial_opens_it_again_for_the_whole_open_time() {
        openIt();
        clock.advance(Duration.ofSeconds(5));
        assertThat(breaker.allowsCall()).isTrue();

        breaker.failed();

        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        clock.advance(Duration.ofSeconds(4));
        assertThat(breaker.allowsCall()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(breaker.allowsCall()).isTrue();
    }

    @Test
    void a_trial_that_never_reports_is_given_to_another_caller_after_the_open_time() {
        openIt();
        clock.advance(Duration.ofSeconds(5));
        assertThat(breaker.allowsCall()).as("a trial whose caller never reports").isTrue();

        clock.advance(Duration.ofSeconds(4));
        assertThat(breaker.allowsCall()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(breaker.allowsCall()).as("the next trial").isTrue();
    }

    @Test
    void a_breaker_needs_a_threshold_and_an_open_time() {
        assertThatThrownBy(() -> new CircuitBreaker(0, Duration.ofSeconds(1), clock)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CircuitBreaker(1, Duration.ZERO, clock)).isInstanceOf(IllegalArgumentException.class);
    }

    private void openIt() {
        breaker.failed();
        breaker.failed();
        breaker.failed();
    }
}
