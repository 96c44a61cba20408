package br.com.healthmed.api.common;

import java.time.Duration;
import java.time.Instant;

/** A half-open interval [start, end): back-to-back ranges do not overlap. */
public record TimeRange(Instant start, Instant end) {

    public TimeRange {
        if (start == null || end == null) {
            throw new InvalidValueException("time-range-required", "start", "start and end are required");
        }
        if (!start.isBefore(end)) {
            throw new InvalidValueException("time-range-invalid", "end", "end must be after start");
        }
    }

    public boolean overlaps(TimeRange other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }

    public Duration duration() {
        return Duration.between(start, end);
    }
}
