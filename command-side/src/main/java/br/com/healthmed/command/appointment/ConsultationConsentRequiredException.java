package br.com.healthmed.command.appointment;

import br.com.healthmed.command.shared.DomainRejection;

/** CFM Resolution 2.314/2022: the patient agrees to a remote consultation before entering the room the first time. */
public final class ConsultationConsentRequiredException extends DomainRejection {

    public ConsultationConsentRequiredException() {
        super("consultation-consent-required", Kind.CONFLICT,
                "the patient must record consent to a remote consultation before joining");
    }
}
