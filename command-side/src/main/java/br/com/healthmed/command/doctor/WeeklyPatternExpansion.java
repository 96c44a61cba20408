package br.com.healthmed.command.doctor;

import br.com.healthmed.api.common.TimeRange;
import br.com.healthmed.api.schedule.WeeklyPattern;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

/** Turns a weekly pattern into slot times, reading its dates and times in the doctor's own time zone. */
final class WeeklyPatternExpansion {

    private WeeklyPatternExpansion() {
    }

    /** The slots in chronological order; the remainder of a day shorter than one slot is skipped. */
    static List<TimeRange> expand(WeeklyPattern pattern, ZoneId zone, int maxSlots) {
        Duration length = Duration.ofMinutes(pattern.slotMinutes());
        // Without this guard a pattern whose daily window fits no slot would walk its whole date range for nothing.
        if (Duration.between(pattern.startTime(), pattern.endTime()).compareTo(length) < 0) {
            throw new PatternEmptyException();
        }
        List<TimeRange> ranges = new ArrayList<>();
        for (LocalDate day = pattern.fromDate(); !day.isAfter(pattern.toDate()); day = day.plusDays(1)) {
            if (!pattern.weekdays().contains(day.getDayOfWeek())) {
                continue;
            }
            ZonedDateTime dayEnd = ZonedDateTime.of(day, pattern.endTime(), zone);
            for (ZonedDateTime start = ZonedDateTime.of(day, pattern.startTime(), zone);
                 !start.plus(length).isAfter(dayEnd);
                 start = start.plus(length)) {
                if (ranges.size() == maxSlots) {
                    throw new PatternTooLargeException(maxSlots);
                }
                ranges.add(new TimeRange(start.toInstant(), start.plus(length).toInstant()));
            }
        }
        if (ranges.isEmpty()) {
            throw new PatternEmptyException();
        }
        return ranges;
    }
}
