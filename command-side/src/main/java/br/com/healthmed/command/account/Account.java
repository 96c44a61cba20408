package br.com.healthmed.command.account;

import br.com.healthmed.api.common.Role;

import java.time.Instant;
import java.util.UUID;

/**
 * Who may log in: the account id is the patient's, doctor's or staff member's aggregate id. A deactivated account keeps
 * its login names but may neither log in nor refresh a session. A patient whose e-mail is not confirmed yet has
 * {@code unconfirmedUntil}, when the registration expires; null for every confirmed account.
 */
public record Account(UUID accountId, Role role, String passwordHash, boolean active, Instant unconfirmedUntil) {

    public Account(UUID accountId, Role role, String passwordHash) {
        this(accountId, role, passwordHash, true);
    }

    public Account(UUID accountId, Role role, String passwordHash, boolean active) {
        this(accountId, role, passwordHash, active, null);
    }

    public boolean confirmed() {
        return unconfirmedUntil == null;
    }

    /** An unconfirmed registration whose time has passed: it no longer holds its login names. */
    public boolean expiredAt(Instant now) {
        return unconfirmedUntil != null && !unconfirmedUntil.isAfter(now);
    }

    @Override
    public String toString() {
        return "Account[" + accountId + ", " + role + (active ? "" : ", deactivated")
                + (unconfirmedUntil == null ? "" : ", unconfirmed") + "]";
    }
}
