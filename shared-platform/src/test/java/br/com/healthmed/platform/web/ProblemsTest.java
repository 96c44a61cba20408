package br.com.healthmed.platform.web;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemsTest {

    @Test
    void retry_after_is_whole_seconds_rounded_up_and_at_least_one() {
        assertThat(Problems.retryAfterSeconds(Duration.ofSeconds(2))).isEqualTo("2");
        assertThat(Problems.retryAfterSeconds(Duration.ofMillis(1_001))).isEqualTo("2");
        assertThat(Problems.retryAfterSeconds(Duration.ofMinutes(12))).isEqualTo("720");
        assertThat(Problems.retryAfterSeconds(Duration.ZERO)).isEqualTo("1");
        assertThat(Problems.retryAfterSeconds(null)).isEqualTo("1");
    }
}
