package br.com.healthmed.command.account;

import br.com.healthmed.api.common.Role;

import java.util.UUID;

/** Who may log in: the account id is the patient's, doctor's or staff member's aggregate id. */
public record Account(UUID accountId, Role role, String passwordHash) {

    @Override
    public String toString() {
        return "Account[" + accountId + ", " + role + "]";
    }
}
