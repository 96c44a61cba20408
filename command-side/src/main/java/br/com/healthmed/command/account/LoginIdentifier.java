package br.com.healthmed.command.account;

import br.com.healthmed.api.common.Email;
import br.com.healthmed.api.doctor.Crm;
import br.com.healthmed.api.patient.Cpf;

/** A login name in its normalised form; only its HMAC is ever stored. */
public record LoginIdentifier(IdentifierKind kind, String normalizedValue) {

    public static LoginIdentifier patientEmail(Email email) {
        return new LoginIdentifier(IdentifierKind.PATIENT_EMAIL, email.value());
    }

    public static LoginIdentifier patientCpf(Cpf cpf) {
        return new LoginIdentifier(IdentifierKind.PATIENT_CPF, cpf.digits());
    }

    public static LoginIdentifier doctorCrm(Crm crm) {
        return new LoginIdentifier(IdentifierKind.DOCTOR_CRM, crm.number() + "/" + crm.uf());
    }

    public static LoginIdentifier staffEmail(Email email) {
        return new LoginIdentifier(IdentifierKind.STAFF_EMAIL, email.value());
    }

    @Override
    public String toString() {
        return "LoginIdentifier[" + kind + ", protected]";
    }
}
