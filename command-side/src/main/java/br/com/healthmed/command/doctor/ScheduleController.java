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
import br.com.healthmed.command.web.IdempotencyStore;
import br.com.healthmed.command.web.KeyedCommands;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@RestController
@RequestMapping("/api/doctors/me/slots")
@Tag(name = "Doctor schedule")
class ScheduleController {


    private final Commands commands;
    private final KeyedCommands keyedCommands;
    private final SlotDirectory directory;

    ScheduleController(Commands commands, KeyedCommands keyedCommands, SlotDirectory directory) {
        this.commands = commands;
        this.keyedCommands = keyedCommands;
        this.directory = directory;
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
    @Operation(operationId = "publishSlots", summary = "Publish free slots",
            description = """
                    One slot, or a weekly pattern expanded in the doctor's time zone; all or nothing. With an \
                    Idempotency-Key the slots are published at most once however often the request is retried: the \
                    same key and body get the same 201 and the same slot ids again (Idempotent-Replayed: true), also \
                    after an answer was lost or came as 503 command-outcome-unknown. After a 503, wait Retry-After and \
                    retry with the same key.""")
    @Rejects(value = {DoctorNotVerifiedException.class, DoctorDeactivatedException.class, SlotInPastException.class, SlotTooFarAheadException.class,
            SlotLengthInvalidException.class, SlotOverlapException.class, PatternEmptyException.class, PatternTooLargeException.class,
            IdempotencyStore.IdempotencyKeyReusedException.class, IdempotencyStore.IdempotentRequestInProgressException.class},
            sends = {PublishSlotCommand.class, PublishWeeklyPatternCommand.class}, targetMayBeMissing = true)
    @ApiResponse(responseCode = "201", description = "Published; the ids of the new slots, the same on every retry with the same key",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SlotIds.class)))
    ResponseEntity<?> publish(@AuthenticationPrincipal Actor actor,
                              @Parameter(description = "Client-chosen key that makes retries safe")
                              @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
                              @RequestBody PublishRequest request) {
        DoctorId doctorId = new DoctorId(actor.userId());
        boolean single = request.start() != null || request.end() != null;
        if (single == (request.weeklyPattern() != null)) {
            throw new InvalidValueException("slot-request-invalid", "weeklyPattern",
                    "send either start and end, or a weeklyPattern");
        }
        Object command = single ? new PublishSlotCommand(doctorId, range(request.start(), request.end()))
                : new PublishWeeklyPatternCommand(doctorId, pattern(request.weeklyPattern()));
        if (idempotencyKey == null) {
            return created(sendPublication(command, null));
        }
        String fingerprint = "POST /api/doctors/me/slots " + request;
        // The key and the request name the slot ids, so an attempt whose answer was lost is recognised by its slots.
        UUID seed = UUID.nameUUIDFromBytes(("healthmed:slots:" + doctorId + ":" + idempotencyKey + ":" + fingerprint)
                .getBytes(StandardCharsets.UTF_8));
        return keyedCommands.once(actor.userId(), idempotencyKey, fingerprint,
                new KeyedCommands.KeyedCommand<Void, SlotIds>() {
                    @Override
                    public Optional<SlotIds> earlier() {
                        return earlierPublication(doctorId, seed);
                    }

                    @Override
                    public SlotIds send(Void unchecked) {
                        return sendPublication(command, seed);
                    }

                    @Override
                    public boolean mayMeanCommittedEarlier(RuntimeException failure) {
                        // An earlier attempt that committed while this one waited for the doctor's lock
                        // overlaps its slots.
                        return IdempotencyStore.rejectionCode(failure) != null;
                    }

                    @Override
                    public URI location(SlotIds published) {
                        return null;
                    }
                });
    }

    private SlotIds sendPublication(Object command, UUID seed) {
        SlotsPublished published = commands.send(switch (command) {
            case PublishSlotCommand one -> new PublishSlotCommand(one.doctorId(), one.range(), seed);
            case PublishWeeklyPatternCommand pattern -> new PublishWeeklyPatternCommand(pattern.doctorId(), pattern.pattern(), seed);
            default -> throw new IllegalArgumentException("not a publication: " + command);
        });
        return new SlotIds(published.slotIds().stream().map(SlotId::value).toList());
    }

    /**
     * The slots an attempt with this seed published, if it committed: a publication is all or nothing, so its first
     * slot tells, and the others follow in order.
     */
    private Optional<SlotIds> earlierPublication(DoctorId doctorId, UUID seed) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < Scheduling.MAX_SLOTS_PER_PATTERN; i++) {
            SlotId slotId = SlotId.derived(seed, i);
            if (directory.ownerOf(slotId).filter(owner -> owner.doctorId().equals(doctorId)).isEmpty()) {
                break;
            }
            ids.add(slotId.value());
        }
        return ids.isEmpty() ? Optional.empty() : Optional.of(new SlotIds(ids));
    }

    private static ResponseEntity<SlotIds> created(SlotIds published) {
        return ResponseEntity.status(HttpStatus.CREATED).body(published);
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
