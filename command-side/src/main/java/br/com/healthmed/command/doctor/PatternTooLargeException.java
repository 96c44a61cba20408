package br.com.healthmed.command.doctor;

import br.com.healthmed.command.shared.DomainRejection;

/** One weekly pattern publishes a bounded number of slots, so that one command cannot flood a schedule. */
public final class PatternTooLargeException extends DomainRejection {

    public PatternTooLargeException(int maxSlots) {
        super("pattern-too-large", Kind.INVALID, "a weekly pattern may produce at most " + maxSlots + " slots");
    }
}
