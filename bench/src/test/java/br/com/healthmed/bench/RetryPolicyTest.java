package br.com.healthmed.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(60));

    @Test
    void a_429_or_503_waits_what_retry_after_says() {
        assertThat(policy.pauseBefore(1, 503, "1", Duration.ZERO, 0)).contains(Duration.ofSeconds(1));
        assertThat(policy.pauseBefore(4, 503, "2", Duration.ofSeconds(10), 0)).as("not the back-off of the 4th attempt")
                .contains(Duration.ofSeconds(2));
        assertThat(policy.pauseBefore(1, 429, " 7 ", Duration.ZERO, 0)).contains(Duration.ofSeconds(7));
    }

    @Test
    void no_answer_a_502_or_a_504_backs_off_1_2_4_8_then_8_seconds() {
        assertThat(policy.pauseBefore(1, 0, null, Duration.ZERO, 0)).contains(Duration.ofSeconds(1));
        assertThat(policy.pauseBefore(2, 502, null, Duration.ZERO, 0)).contains(Duration.ofSeconds(2));
        assertThat(policy.pauseBefore(3, 504, null, Duration.ZERO, 0)).contains(Duration.ofSeconds(4));
        assertThat(policy.pauseBefore(4, 0, null, Duration.ZERO, 0)).contains(Duration.ofSeconds(8));
        assertThat(policy.pauseBefore(9, 0, null, Duration.ZERO, 0)).contains(Duration.ofSeconds(8));
        assertThat(policy.pauseBefore(2, 503, "Wed, 02 Dec 2026 08:00:00 GMT", Duration.ZERO, 0))
                .as("a Retry-After it cannot read: the back-off").contains(Duration.ofSeconds(2));
    }

    @Test
    void jitter_adds_at_most_a_quarter() {
        assertThat(policy.pauseBefore(1, 503, "4", Duration.ZERO, 0.999)).contains(Duration.ofMillis(4_999));
        assertThat(policy.pauseBefore(4, 0, null, Duration.ZERO, 0.5)).contains(Duration.ofSeconds(9));
    }

    @Test
    void any_other_answer_is_final() {
        for (int status : new int[]{200, 201, 400, 401, 409, 422, 500}) {
            assertThat(policy.pauseBefore(1, status, "1", Duration.ZERO, 0)).as("status %d", status).isEmpty();
        }
    }

    @Test
    void it_gives_up_when_the_next_attempt_would_start_after_the_budget() {
        assertThat(policy.pauseBefore(5, 503, "1", Duration.ofSeconds(59), 0)).contains(Duration.ofSeconds(1));
        assertThat(policy.pauseBefore(5, 503, "2", Duration.ofSeconds(59), 0)).isEmpty();
        assertThat(policy.pauseBefore(1, 429, "900", Duration.ZERO, 0)).as("a lockout longer than the budget").isEmpty();
        assertThat(new RetryPolicy(Duration.ZERO).pauseBefore(1, 503, "1", Duration.ZERO, 0)).as("retries off").isEmpty();
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
