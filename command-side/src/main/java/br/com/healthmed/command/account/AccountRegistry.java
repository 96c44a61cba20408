package br.com.healthmed.command.account;

import br.com.healthmed.api.common.PasswordHash;
import br.com.healthmed.api.common.Role;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Credentials and login names, kept outside the event store. {@link #register} runs inside the command's transaction,
 * so with the JDBC event store a claim and the registration event commit or roll back together.
 */
public interface AccountRegistry {

    /** Claims every identifier for a new account; throws {@link IdentifierTakenException} when one is already taken. */
    default void register(UUID accountId, Role role, PasswordHash passwordHash, List<LoginIdentifier> identifiers) {
        register(accountId, role, passwordHash, identifiers, null);
    }

    /**
     * Like {@link #register(UUID, Role, PasswordHash, List)}; with {@code unconfirmedUntil} the account may not log in
     * until {@link #confirm} (a patient's e-mail confirmation, ADR 0033).
     */
    void register(UUID accountId, Role role, PasswordHash passwordHash, List<LoginIdentifier> identifiers,
                  Instant unconfirmedUntil);

    /** The account's e-mail was confirmed: it may log in; inside the command's transaction. */
    void confirm(UUID accountId);

    Optional<Account> findByIdentifier(LoginIdentifier identifier);

    Optional<Account> findById(UUID accountId);

    /** Erasure: forgets the credential and every login name of the account. */
    void remove(UUID accountId);

    /** Replaces the account's password hash (change or reset); false when there is no such account. */
    boolean changePassword(UUID accountId, PasswordHash passwordHash);

    /**
     * Marks the account deactivated from {@code at}, inside the command's transaction so that it commits with the
     * deactivation event; deactivating twice keeps the first moment.
     */
    void deactivate(UUID accountId, Instant at);

    /** Lets a deactivated account log in again, inside the command's transaction. */
    void reactivate(UUID accountId);

    /**
     * Fails with {@link LastActiveAdminException} unless some active ADMIN other than {@code adminId} remains. Locks the
     * active ADMIN rows until the command's transaction ends, so two ADMINs deactivating each other at the same moment
     * are serialised and the second sees the first's deactivation.
     */
    void requireAnotherActiveAdmin(UUID adminId);
}
