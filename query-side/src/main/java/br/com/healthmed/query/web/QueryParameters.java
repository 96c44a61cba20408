package br.com.healthmed.query.web;

import br.com.healthmed.api.common.InvalidValueException;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.UUID;

/**
 * Parses query-string values by hand, so each bad value gets its own stable code instead of a generic conversion
 * failure.
 */
public final class QueryParameters {

    public static final int MAX_PAGE_SIZE = 100;
    public static final Duration MAX_WINDOW = Duration.ofDays(62);
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(14);

    private QueryParameters() {
    }

    /** A half-open window of time a listing covers. */
    public record Window(Instant from, Instant to) {
    }

    /**
     * {@code from}/{@code to} as ISO-8601 date-times with offset, or as dates in {@code zone} ({@code to} as a date
     * includes that whole day). Missing {@code from} is {@code now}; missing {@code to} is {@code from} plus the
     * default window.
     */
    public static Window window(String from, String to, ZoneId zone, Instant now) {
        Instant start = from == null || from.isBlank() ? now : instant(from, "from", zone, false);
        Instant end = to == null || to.isBlank() ? start.plus(DEFAULT_WINDOW) : instant(to, "to", zone, true);
        if (!end.isAfter(start)) {
            throw new InvalidValueException("window-invalid", "to", "to must be after from");
        }
        if (Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
            throw new InvalidValueException("window-too-large", "to", "the window may span at most 62 days");
        }
        return new Window(start, end);
    }

    /** Optional bounds for filtering (no default, no maximum span), still checked for order. */
    public static Window bounds(String from, String to, ZoneId zone) {
        Instant start = from == null || from.isBlank() ? null : instant(from, "from", zone, false);
        Instant end = to == null || to.isBlank() ? null : instant(to, "to", zone, true);
        if (start != null && end != null && !end.isAfter(start)) {
            throw new InvalidValueException("window-invalid", "to", "to must be after from");
        }
        return new Window(start, end);
    }

    private static Instant instant(String value, String field, ZoneId zone, boolean endOfDay) {
        String text = value.strip();
        try {
            if (text.length() == 10) {
                LocalDate date = LocalDate.parse(text);
                return (endOfDay ? date.plusDays(1) : date).atStartOfDay(zone).toInstant();
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException e) {
            throw new InvalidValueException("date-invalid", field,
                    field + " must be an ISO-8601 date (2026-12-01) or date-time with offset (2026-12-01T09:00:00-03:00)");
        }
    }

    public static int page(Integer page) {
        if (page == null) {
            return 0;
        }
        if (page < 0) {
            throw new InvalidValueException("page-invalid", "page", "page must be 0 or more");
        }
        return page;
    }

    public static int size(Integer size, int defaultSize) {
        if (size == null) {
            return defaultSize;
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidValueException("size-invalid", "size", "size must be between 1 and " + MAX_PAGE_SIZE);
        }
        return size;
    }

    /** An amount in reais, as integer cents. */
    public static Long cents(String amount, String field) {
        if (amount == null || amount.isBlank()) {
            return null;
        }
        try {
            BigDecimal value = new BigDecimal(amount.strip());
            if (value.signum() < 0 || value.scale() > 2 || value.compareTo(new BigDecimal("100000000")) > 0) {
                throw new NumberFormatException(amount);
            }
            return value.movePointRight(2).longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new InvalidValueException("price-invalid", field, field + " must be a non-negative amount with at most two decimals");
        }
    }

    public static UUID id(String value, String field) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("id-invalid", field, field + " must be a UUID");
        }
    }
}
