package br.com.healthmed.api.appointment;

/** Why an account stopped taking part in its appointments, and so who the cancellation is recorded as made by. */
public enum AccountClosure {
    /** The patient erased their data: cancelled on the patient's side. */
    PATIENT_ERASED,
    /** An ADMIN deactivated the doctor or revoked their verification: cancelled by the ADMIN. */
    DOCTOR_DEACTIVATED
}
