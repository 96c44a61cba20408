package br.com.healthmed.command.account;

import br.com.healthmed.api.common.PasswordHash;
import br.com.healthmed.api.common.Role;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Credentials and login names, kept outside the event store. {@link #register} runs inside the command's transaction,
 * so with the JDBC event store a claim and the registration event commit or roll back together.
 */
public interface AccountRegistry {

    /** Claims every identifier for a new account; throws {@link IdentifierTakenException} when one is already taken. */
    void register(UUID accountId, Role role, PasswordHash passwordHash, List<LoginIdentifier> identifiers);

    Optional<Account> findByIdentifier(LoginIdentifier identifier);

    Optional<Account> findById(UUID accountId);

    /** Erasure: forgets the credential and every login name of the account. */
    void remove(UUID accountId);
}
