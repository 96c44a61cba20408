package br.com.healthmed.api.appointment;

/** REQUESTED and ACCEPTED are active (they hold the slot); REJECTED and CANCELLED are final. */
public enum AppointmentStatus {
    REQUESTED,
    ACCEPTED,
    REJECTED,
    CANCELLED;

    public boolean isActive() {
        return this == REQUESTED || this == ACCEPTED;
    }
}
