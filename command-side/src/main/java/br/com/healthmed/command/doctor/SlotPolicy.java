package br.com.healthmed.command.doctor;

import br.com.healthmed.api.common.TimeRange;
import br.com.healthmed.command.config.BookingProperties;

import java.time.Duration;
import java.time.Instant;

/** The rules every published or moved slot follows, at one moment in time. */
record SlotPolicy(BookingProperties limits, Instant now) {

    void check(TimeRange range) {
        checkLength(range.duration());
        if (!range.start().isAfter(now)) {
            throw new SlotInPastException();
        }
        if (range.start().isAfter(now.plus(limits.horizon()))) {
            throw new SlotTooFarAheadException(limits.horizon());
        }
    }

    void checkLength(Duration length) {
        if (length.compareTo(limits.minSlotLength()) < 0 || length.compareTo(limits.maxSlotLength()) > 0) {
            throw new SlotLengthInvalidException(limits.minSlotLength(), limits.maxSlotLength());
        }
    }
}
