package br.com.healthmed.api.common;

/** Who can act in the product. Carried in access tokens and in every event's metadata. */
public enum Role {
    PATIENT,
    DOCTOR,
    ADMIN,
    AUDITOR
}
