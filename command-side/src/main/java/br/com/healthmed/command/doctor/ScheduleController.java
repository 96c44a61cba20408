package br.com.healthmed.command.doctor;

import br.com.healthmed.command.web.Rejects;
import br.com.healthmed.api.common.InvalidValueException;
import br.com.healthmed.api.common.TimeRange;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.schedule.MoveSlotCommand;
import br.com.healthmed.api.schedule.PublishSlotCommand;
import br.com.healthmed.api.schedule.PublishWeeklyPatternCommand;
import br.com.healthmed.api.schedule.RemoveSlotCommand;
import br.com.healthmed.api.schedule.SlotId;
import br.com.healthmed.api.schedule.SlotsPublished;
import br.com.healthmed.api.schedule.WeeklyPattern;
import br.com.healthmed.platform.security.Actor;
import br.com.healthmed.command.web.Commands;
import br.com.healthmed.command.web.FieldErrors;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

@RestController
@RequestMapping("/api/doctors/me/slots")
@Tag(name = "Doctor schedule")
class ScheduleController {

    private final Commands commands;

    ScheduleController(Commands commands) {
        this.commands = commands;
    }

    /** Either one slot ({@code start}, {@code end}) or a {@code weeklyPattern}. */
    record PublishRequest(OffsetDateTime start, OffsetDateTime end, WeeklyPatternRequest weeklyPattern) {
    }

    /** Times are local to the doctor's time zone, e.g. {@code {"weekdays":["MONDAY"],"startTime":"08:00","endTime":"12:00","slotMinutes":30,"fromDate":"2026-12-01","toDate":"2026-12-31"}}. */
    record WeeklyPatternRequest(List<String> weekdays, String startTime, String endTime, Integer slotMinutes,
                                LocalDate fromDate, LocalDate toDate) {
    }

    record SlotRequest(OffsetDateTime start, OffsetDateTime end) {
    }

    record SlotIds(List<UUID> slotIds) {
    }

    record SlotView(UUID slotId, OffsetDateTime start, OffsetDateTime end) {
    }

    @PostMapping
    @Operation(operationId = "publishSlots", summary = "Publish free slots", description = "One slot, or a weekly pattern expanded in the doctor's time zone; all or nothing.")
    @Rejects(value = {DoctorNotVerifiedException.class, DoctorDeactivatedException.class, SlotInPastException.class, SlotTooFarAheadException.class,
            SlotLengthInvalidException.class, SlotOverlapException.class, PatternEmptyException.class, PatternTooLargeException.class},
            sends = {PublishSlotCommand.class, PublishWeeklyPatternCommand.class}, targetMayBeMissing = true)
    @ApiResponse(responseCode = "201", description = "Published; the ids of the new slots")
    ResponseEntity<SlotIds> publish(@AuthenticationPrincipal Actor actor, @RequestBody PublishRequest request) {
        DoctorId doctorId = new DoctorId(actor.userId());
        boolean single = request.start() != null || request.end() != null;
        if (single == (request.weeklyPattern() != null)) {
            throw new InvalidValueException("slot-request-invalid", "weeklyPattern",
                    "send either start and end, or a weeklyPattern");
        }
        SlotsPublished published = single
                ? commands.send(new PublishSlotCommand(doctorId, range(request.start(), request.end())))
                : commands.send(new PublishWeeklyPatternCommand(doctorId, pattern(request.weeklyPattern())));
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new SlotIds(published.slotIds().stream().map(SlotId::value).toList()));
    }

    @PutMapping("/{slotId}")
    @Operation(operationId = "moveSlot", summary = "Move or resize a free slot")
    @Rejects(value = {DoctorNotVerifiedException.class, DoctorDeactivatedException.class, SlotNotFoundException.class, SlotHeldException.class,
            SlotInPastException.class, SlotTooFarAheadException.class, SlotLengthInvalidException.class, SlotOverlapException.class},
            sends = MoveSlotCommand.class, targetMayBeMissing = true)
    @ApiResponse(responseCode = "200", description = "Moved")
    SlotView move(@AuthenticationPrincipal Actor actor, @PathVariable UUID slotId, @RequestBody SlotRequest request) {
        TimeRange range = range(request.start(), request.end());
        commands.send(new MoveSlotCommand(new DoctorId(actor.userId()), new SlotId(slotId), range));
        return new SlotView(slotId, request.start(), request.end());
    }

    @DeleteMapping("/{slotId}")
    @Operation(operationId = "removeSlot", summary = "Remove a free slot")
    @Rejects(value = {DoctorNotVerifiedException.class, DoctorDeactivatedException.class, SlotNotFoundException.class, SlotHeldException.class},
            sends = RemoveSlotCommand.class, targetMayBeMissing = true)
    @ApiResponse(responseCode = "204", description = "Removed")
    ResponseEntity<Void> remove(@AuthenticationPrincipal Actor actor, @PathVariable UUID slotId) {
        commands.send(new RemoveSlotCommand(new DoctorId(actor.userId()), new SlotId(slotId)));
        return ResponseEntity.noContent().build();
    }

    private static TimeRange range(OffsetDateTime start, OffsetDateTime end) {
        FieldErrors errors = new FieldErrors();
        if (start == null) {
            errors.reject(new InvalidValueException("start-required", "start", "start is required"));
        }
        if (end == null) {
            errors.reject(new InvalidValueException("end-required", "end", "end is required"));
        }
        errors.throwIfAny();
        return new TimeRange(start.toInstant(), end.toInstant());
    }

    private static WeeklyPattern pattern(WeeklyPatternRequest request) {
        FieldErrors errors = new FieldErrors();
        Set<DayOfWeek> weekdays = errors.take(() -> weekdays(request.weekdays()));
        LocalTime startTime = errors.take(() -> localTime(request.startTime(), "weeklyPattern.startTime"));
        LocalTime endTime = errors.take(() -> localTime(request.endTime(), "weeklyPattern.endTime"));
        if (request.slotMinutes() == null) {
            errors.reject(new InvalidValueException("slot-minutes-required", "weeklyPattern.slotMinutes", "slotMinutes is required"));
        }
        if (request.fromDate() == null) {
            errors.reject(new InvalidValueException("from-date-required", "weeklyPattern.fromDate", "fromDate is required"));
        }
        if (request.toDate() == null) {
            errors.reject(new InvalidValueException("to-date-required", "weeklyPattern.toDate", "toDate is required"));
        }
        errors.throwIfAny();
        return new WeeklyPattern(weekdays, startTime, endTime, request.slotMinutes(), request.fromDate(), request.toDate());
    }

    private static Set<DayOfWeek> weekdays(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new InvalidValueException("weekdays-required", "weeklyPattern.weekdays", "at least one weekday is required");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String name : names) {
            try {
                days.add(DayOfWeek.valueOf(String.valueOf(name).strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new InvalidValueException("weekday-invalid", "weeklyPattern.weekdays",
                        "weekdays are MONDAY … SUNDAY");
            }
        }
        return days;
    }

    private static LocalTime localTime(String text, String field) {
        if (text == null || text.isBlank()) {
            throw new InvalidValueException("time-required", field, field + " is required");
        }
        try {
            return LocalTime.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidValueException("time-invalid", field, field + " must be a local time like 08:30");
        }
    }
}
