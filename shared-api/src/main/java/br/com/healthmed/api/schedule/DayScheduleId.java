package br.com.healthmed.api.schedule;

import br.com.healthmed.api.common.InvalidValueException;
import br.com.healthmed.api.doctor.DoctorId;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * One doctor's schedule for one UTC calendar day: the slots that start on that day. The day is the UTC date of the
 * slot's start, never the doctor's local date, so that the day a slot belongs to cannot change when the doctor's
 * time zone does (ADR 0011). Stored and routed as {@code <doctorUuid>:<yyyy-mm-dd>}.
 */
public record DayScheduleId(DoctorId doctorId, LocalDate day) {

    public DayScheduleId {
        if (doctorId == null || day == null) {
            throw new InvalidValueException("id-required", "scheduleId", "scheduleId needs a doctor and a day");
        }
    }

    /** The schedule of the UTC day on which {@code instant} falls. */
    public static DayScheduleId of(DoctorId doctorId, Instant instant) {
        return new DayScheduleId(doctorId, LocalDate.ofInstant(instant, ZoneOffset.UTC));
    }

    @JsonCreator
    public static DayScheduleId parse(String value) {
        int separator = value == null ? -1 : value.lastIndexOf(':');
        if (separator < 0) {
            throw new InvalidValueException("id-invalid", "scheduleId", "scheduleId must be <doctorId>:<date>");
        }
        try {
            return new DayScheduleId(DoctorId.of(value.substring(0, separator)),
                    LocalDate.parse(value.substring(separator + 1)));
        } catch (DateTimeParseException e) {
            throw new InvalidValueException("id-invalid", "scheduleId", "scheduleId must be <doctorId>:<date>");
        }
    }

    public DayScheduleId nextDay() {
        return new DayScheduleId(doctorId, day.plusDays(1));
    }

    /** Axon routes and stores the aggregate by this string. */
    @JsonValue
    @Override
    public String toString() {
        return doctorId + ":" + day;
    }
}
