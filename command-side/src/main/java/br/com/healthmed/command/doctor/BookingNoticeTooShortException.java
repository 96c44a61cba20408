package br.com.healthmed.command.doctor;

import br.com.healthmed.command.shared.DomainRejection;

import java.time.Duration;

/** A slot is requested at least the minimum notice before it starts, so the doctor has time to decide. */
public final class BookingNoticeTooShortException extends DomainRejection {

    public BookingNoticeTooShortException(Duration minimumNotice) {
        super("booking-notice-too-short", Kind.CONFLICT,
                "a slot must be requested at least " + minimumNotice.toMinutes() + " minutes before it starts");
    }
}
