package br.com.healthmed.command.doctor;

import br.com.healthmed.command.shared.DomainRejection;

/** A doctor's slots never overlap; back-to-back slots are fine. */
public final class SlotOverlapException extends DomainRejection {

    public SlotOverlapException() {
        super("slot-overlap", Kind.CONFLICT, "the slot overlaps another slot of this doctor");
    }
}
