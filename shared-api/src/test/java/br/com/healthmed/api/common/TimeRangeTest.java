package br.com.healthmed.api.common;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeRangeTest {

    private static final Instant NINE = Instant.parse("2030-01-14T12:00:00Z");

    private static TimeRange minutes(long from, long to) {
        return new TimeRange(NINE.plusSeconds(from * 60), NINE.plusSeconds(to * 60));
    }

    @Test
    void back_to_back_ranges_do_not_overlap_because_the_end_is_excluded() {
        assertThat(minutes(0, 30).overlaps(minutes(30, 60))).isFalse();
        assertThat(minutes(30, 60).overlaps(minutes(0, 30))).isFalse();
    }

    @Test
    void ranges_that_share_any_instant_overlap_whichever_is_asked() {
        assertThat(minutes(0, 30).overlaps(minutes(29, 60))).isTrue();
        assertThat(minutes(29, 60).overlaps(minutes(0, 30))).isTrue();
        assertThat(minutes(0, 60).overlaps(minutes(10, 20))).isTrue();
        assertThat(minutes(10, 20).overlaps(minutes(0, 60))).isTrue();
        assertThat(minutes(0, 30).overlaps(minutes(0, 30))).isTrue();
    }

    @Test
    void distant_ranges_do_not_overlap() {
        assertThat(minutes(0, 30).overlaps(minutes(60, 90))).isFalse();
    }

    @Test
    void the_duration_is_end_minus_start() {
        assertThat(minutes(0, 45).duration()).isEqualTo(Duration.ofMinutes(45));
    }

    @Test
    void an_empty_or_backwards_range_is_rejected() {
        assertThatThrownBy(() -> minutes(30, 30))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.code()).isEqualTo("time-range-invalid"));
        assertThatThrownBy(() -> minutes(30, 0))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.code()).isEqualTo("time-range-invalid"));
    }

    @Test
    void start_and_end_are_required() {
        assertThatThrownBy(() -> new TimeRange(null, NINE))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.code()).isEqualTo("time-range-required"));
        assertThatThrownBy(() -> new TimeRange(NINE, null))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.code()).isEqualTo("time-range-required"));
    }
}
