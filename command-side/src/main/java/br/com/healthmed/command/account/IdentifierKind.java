package br.com.healthmed.command.account;

/** The namespaces of login names; each is unique within its kind. */
public enum IdentifierKind {
    PATIENT_EMAIL("email-already-registered"),
    PATIENT_CPF("cpf-already-registered"),
    DOCTOR_CRM("crm-already-registered"),
    STAFF_EMAIL("email-already-registered");

    private final String takenCode;

    IdentifierKind(String takenCode) {
        this.takenCode = takenCode;
    }

    String takenCode() {
        return takenCode;
    }
}
