package br.com.healthmed.command.doctor;

import br.com.healthmed.command.shared.DomainRejection;

import java.time.Duration;

/** A slot lasts between the configured minimum and maximum length. */
public final class SlotLengthInvalidException extends DomainRejection {

    public SlotLengthInvalidException(Duration min, Duration max) {
        super("slot-length-invalid", Kind.INVALID,
                "a slot must last between " + min.toMinutes() + " and " + max.toMinutes() + " minutes");
    }
}
