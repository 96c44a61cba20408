package br.com.healthmed.command.doctor;

import br.com.healthmed.command.shared.DomainRejection;

/** A weekly pattern must produce at least one slot. */
public final class PatternEmptyException extends DomainRejection {

    public PatternEmptyException() {
        super("pattern-empty", Kind.INVALID, "the weekly pattern produces no slot");
    }
}
