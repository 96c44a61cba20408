package br.com.healthmed.command.account;

import br.com.healthmed.api.common.Role;

import java.util.UUID;

/**
 * Who may log in: the account id is the patient's, doctor's or staff member's aggregate id. A deactivated account keeps
 * its login names but may neither log in nor refresh a session.
 */
public record Account(UUID accountId, Role role, String passwordHash, boolean active) {

    public Account(UUID accountId, Role role, String passwordHash) {
        this(accountId, role, passwordHash, true);
    }

    @Override
    public String toString() {
        return "Account[" + accountId + ", " + role + (active ? "" : ", deactivated") + "]";
    }
}
