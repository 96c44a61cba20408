package br.com.healthmed.command.support;

import br.com.healthmed.api.common.PasswordHash;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.command.account.Account;
import br.com.healthmed.command.account.AccountRegistry;
import br.com.healthmed.command.account.IdentifierTakenException;
import br.com.healthmed.command.account.LastActiveAdminException;
import br.com.healthmed.command.account.LoginIdentifier;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Accounts and login names in memory, claiming all identifiers of a registration or none, like the JDBC one. */
public class InMemoryAccountRegistry implements AccountRegistry {

    private final Map<UUID, Account> accounts = new HashMap<>();
    private final Map<LoginIdentifier, UUID> identifiers = new HashMap<>();

    @Override
    public synchronized void register(UUID accountId, Role role, PasswordHash passwordHash, List<LoginIdentifier> claims,
                                      Instant unconfirmedUntil) {
        for (LoginIdentifier claim : claims) {
            if (identifiers.containsKey(claim)) {
                throw new IdentifierTakenException(claim.kind());
            }
        }
        accounts.put(accountId, new Account(accountId, role, passwordHash.value(), true, unconfirmedUntil));
        claims.forEach(claim -> identifiers.put(claim, accountId));
    }

    @Override
    public synchronized Optional<Account> findByIdentifier(LoginIdentifier identifier) {
        return Optional.ofNullable(identifiers.get(identifier)).map(accounts::get);
    }

    @Override
    public synchronized Optional<Account> findById(UUID accountId) {
        return Optional.ofNullable(accounts.get(accountId));
    }

    @Override
    public synchronized void confirm(UUID accountId) {
        accounts.computeIfPresent(accountId, (id, a) -> new Account(id, a.role(), a.passwordHash(), a.active(), null));
    }

    @Override
    public synchronized void remove(UUID accountId) {
        accounts.remove(accountId);
        identifiers.values().removeIf(accountId::equals);
    }

    @Override
    public synchronized boolean changePassword(UUID accountId, PasswordHash passwordHash) {
        Account account = accounts.get(accountId);
        if (account == null) {
            return false;
        }
        accounts.put(accountId, new Account(accountId, account.role(), passwordHash.value(), account.active(),
                account.unconfirmedUntil()));
        return true;
    }

    @Override
    public synchronized void deactivate(UUID accountId, Instant at) {
        accounts.computeIfPresent(accountId, (id, a) -> new Account(id, a.role(), a.passwordHash(), false, a.unconfirmedUntil()));
    }

    @Override
    public synchronized void reactivate(UUID accountId) {
        accounts.computeIfPresent(accountId, (id, a) -> new Account(id, a.role(), a.passwordHash(), true, a.unconfirmedUntil()));
    }

    @Override
    public synchronized void requireAnotherActiveAdmin(UUID adminId) {
        boolean another = accounts.values().stream()
                .anyMatch(a -> a.role() == Role.ADMIN && a.active() && !a.accountId().equals(adminId));
        if (!another) {
            throw new LastActiveAdminException();
        }
    }

    public synchronized int size() {
        return accounts.size();
    }
}
