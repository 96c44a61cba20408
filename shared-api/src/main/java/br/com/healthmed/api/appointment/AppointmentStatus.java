package br.com.healthmed.api.appointment;

/**
 * REQUESTED and ACCEPTED are active (they hold the slot). REJECTED, CANCELLED and EXPIRED are final and freed the slot;
 * COMPLETED is an accepted appointment whose time has passed, and NO_SHOW one the patient did not attend.
 */
public enum AppointmentStatus {
    REQUESTED,
    ACCEPTED,
    REJECTED,
    CANCELLED,
    EXPIRED,
    COMPLETED,
    NO_SHOW;

    public boolean isActive() {
        return this == REQUESTED || this == ACCEPTED;
    }
}
