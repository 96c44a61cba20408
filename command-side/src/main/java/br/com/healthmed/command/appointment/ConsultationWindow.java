package br.com.healthmed.command.appointment;

import java.time.Duration;
import java.time.Instant;

/** When an appointment's video room is open: from {@code opensBefore} its start until {@code closesAfter} its end. */
public record ConsultationWindow(Duration opensBefore, Duration closesAfter) {

    public ConsultationWindow {
        if (opensBefore == null || opensBefore.isNegative() || closesAfter == null || closesAfter.isNegative()) {
            throw new IllegalArgumentException("the consultation window's margins must not be negative");
        }
    }

    Instant opensAt(Instant start) {
        return start.minus(opensBefore);
    }

    Instant closesAt(Instant end) {
        return end.plus(closesAfter);
    }
}
