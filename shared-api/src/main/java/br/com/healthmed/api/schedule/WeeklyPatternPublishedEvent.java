package br.com.healthmed.api.schedule;

import br.com.healthmed.api.doctor.DoctorId;
import org.axonframework.serialization.Revision;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * The doctor's intent, as entered: on {@code weekdays} from {@code fromDate} to {@code toDate}, slots of
 * {@code slotMinutes} from {@code startTime} to {@code endTime}, local to {@code timeZone} (the doctor's zone when the
 * pattern was published). The {@code slotCount} slots it generated follow in the same commit as
 * {@link SlotPublishedEvent}s carrying this {@code patternId}; the instants are theirs, the wall-clock intent is here.
 * The fields are plain values rather than the command's {@link WeeklyPattern}, so that validation rules tightened
 * later never reject a stored fact.
 */
@Revision("1")
public record WeeklyPatternPublishedEvent(
        DoctorId doctorId,
        PatternId patternId,
        List<DayOfWeek> weekdays,
        LocalTime startTime,
        LocalTime endTime,
        int slotMinutes,
        LocalDate fromDate,
        LocalDate toDate,
        String timeZone,
        int slotCount) {

    public WeeklyPatternPublishedEvent {
        weekdays = weekdays == null ? List.of() : weekdays.stream().sorted().toList();
    }
}
