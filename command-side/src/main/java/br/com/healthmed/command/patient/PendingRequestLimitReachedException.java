package br.com.healthmed.command.patient;

import br.com.healthmed.command.shared.DomainRejection;

/** A patient holds at most a configured number of requests awaiting the doctor's answer (issue 9, item 9). */
public final class PendingRequestLimitReachedException extends DomainRejection {

    public PendingRequestLimitReachedException(int limit) {
        super("pending-request-limit-reached", Kind.CONFLICT,
                "the patient already has " + limit + " requests awaiting an answer; cancel one or wait for the doctors");
    }
}
