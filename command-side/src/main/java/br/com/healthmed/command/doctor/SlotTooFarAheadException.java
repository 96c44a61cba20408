package br.com.healthmed.command.doctor;

import br.com.healthmed.command.shared.DomainRejection;

import java.time.Duration;

/** A slot starts within the booking horizon. */
public final class SlotTooFarAheadException extends DomainRejection {

    public SlotTooFarAheadException(Duration horizon) {
        super("slot-too-far-ahead", Kind.INVALID, "a slot must start at most " + horizon.toDays() + " days ahead");
    }
}
