package br.com.healthmed.api.schedule;

import br.com.healthmed.api.common.InvalidValueException;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * Recurring availability in the doctor's own time zone: on each of {@code weekdays} between {@code fromDate} and
 * {@code toDate} (inclusive), back-to-back slots of {@code slotMinutes} from {@code startTime} until {@code endTime}.
 * A remainder shorter than one slot at the end of the day is not published.
 */
public record WeeklyPattern(
        Set<DayOfWeek> weekdays,
        LocalTime startTime,
        LocalTime endTime,
        int slotMinutes,
        LocalDate fromDate,
        LocalDate toDate) {

    public WeeklyPattern {
        if (weekdays == null || weekdays.isEmpty()) {
            throw new InvalidValueException("weekdays-required", "weeklyPattern.weekdays", "at least one weekday is required");
        }
        weekdays = Set.copyOf(EnumSet.copyOf(weekdays));
        if (startTime == null || endTime == null || !startTime.isBefore(endTime)) {
            throw new InvalidValueException("time-range-invalid", "weeklyPattern.endTime", "endTime must be after startTime");
        }
        if (fromDate == null || toDate == null || toDate.isBefore(fromDate)) {
            throw new InvalidValueException("date-range-invalid", "weeklyPattern.toDate", "toDate must not be before fromDate");
        }
    }
}
