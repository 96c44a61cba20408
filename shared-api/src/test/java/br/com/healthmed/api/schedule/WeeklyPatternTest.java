package br.com.healthmed.api.schedule;

import br.com.healthmed.api.common.InvalidValueException;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WeeklyPatternTest {

    private static final LocalDate MONDAY = LocalDate.of(2030, 1, 14);
    private static final LocalTime NINE = LocalTime.of(9, 0);
    private static final LocalTime NOON = LocalTime.of(12, 0);

    @Test
    void a_pattern_keeps_its_own_copy_of_the_weekdays() {
        Set<DayOfWeek> days = new HashSet<>(Set.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY));
        WeeklyPattern pattern = new WeeklyPattern(days, NINE, NOON, 30, MONDAY, MONDAY.plusDays(13));

        days.add(DayOfWeek.SUNDAY);

        assertThat(pattern.weekdays()).containsExactlyInAnyOrder(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY);
        assertThatThrownBy(() -> pattern.weekdays().add(DayOfWeek.FRIDAY)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void a_single_day_pattern_is_valid() {
        assertThat(new WeeklyPattern(EnumSet.of(DayOfWeek.MONDAY), NINE, NOON, 30, MONDAY, MONDAY).fromDate()).isEqualTo(MONDAY);
    }

    @Test
    void at_least_one_weekday_is_required() {
        assertCode(() -> new WeeklyPattern(Set.of(), NINE, NOON, 30, MONDAY, MONDAY), "weekdays-required");
        assertCode(() -> new WeeklyPattern(null, NINE, NOON, 30, MONDAY, MONDAY), "weekdays-required");
    }

    @Test
    void the_daily_window_must_end_after_it_starts() {
        assertCode(() -> new WeeklyPattern(EnumSet.of(DayOfWeek.MONDAY), NOON, NOON, 30, MONDAY, MONDAY), "time-range-invalid");
        assertCode(() -> new WeeklyPattern(EnumSet.of(DayOfWeek.MONDAY), NOON, NINE, 30, MONDAY, MONDAY), "time-range-invalid");
        assertCode(() -> new WeeklyPattern(EnumSet.of(DayOfWeek.MONDAY), null, NINE, 30, MONDAY, MONDAY), "time-range-invalid");
    }

    @Test
    void the_date_range_must_not_run_backwards() {
        assertCode(() -> new WeeklyPattern(EnumSet.of(DayOfWeek.MONDAY), NINE, NOON, 30, MONDAY, MONDAY.minusDays(1)), "date-range-invalid");
        assertCode(() -> new WeeklyPattern(EnumSet.of(DayOfWeek.MONDAY), NINE, NOON, 30, null, MONDAY), "date-range-invalid");
    }

    private static void assertCode(Runnable construction, String code) {
        assertThatThrownBy(construction::run)
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
