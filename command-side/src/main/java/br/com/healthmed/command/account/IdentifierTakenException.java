package br.com.healthmed.command.account;

import br.com.healthmed.command.shared.DomainRejection;

/** Another account already uses this e-mail, CPF or CRM. */
public class IdentifierTakenException extends DomainRejection {

    public IdentifierTakenException(IdentifierKind kind) {
        super(kind.takenCode(), Kind.CONFLICT, switch (kind) {
            case PATIENT_EMAIL, STAFF_EMAIL -> "this e-mail is already registered";
            case PATIENT_CPF -> "this CPF is already registered";
            case DOCTOR_CRM -> "this CRM is already registered for this UF";
        });
    }
}
