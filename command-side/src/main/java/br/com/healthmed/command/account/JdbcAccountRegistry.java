package br.com.healthmed.command.account;

import br.com.healthmed.api.common.PasswordHash;
import br.com.healthmed.api.common.Role;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Component
class JdbcAccountRegistry implements AccountRegistry {

    private final JdbcClient jdbc;
    private final LookupDigest digest;

    JdbcAccountRegistry(JdbcClient jdbc, LookupDigest digest) {
        this.jdbc = jdbc;
        this.digest = digest;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void register(UUID accountId, Role role, PasswordHash passwordHash, List<LoginIdentifier> identifiers,
                         Instant unconfirmedUntil) {
        jdbc.sql("INSERT INTO account (account_id, role, password_hash, unconfirmed_until) VALUES (?, ?, ?, ?)")
                .params(accountId, role.name(), passwordHash.value(),
                        unconfirmedUntil == null ? null : Timestamp.from(unconfirmedUntil))
                .update();
        for (LoginIdentifier identifier : identifiers) {
            try {
                // The primary key decides between concurrent claims: the loser blocks until the winner commits, then fails.
                jdbc.sql("INSERT INTO login_identifier (kind, digest, account_id) VALUES (?, ?, ?)")
                        .params(identifier.kind().name(), digest.of(identifier), accountId)
                        .update();
            } catch (DuplicateKeyException e) {
                throw new IdentifierTakenException(identifier.kind());
            }
        }
    }

    @Override
    public Optional<Account> findByIdentifier(LoginIdentifier identifier) {
        return jdbc.sql("""
                        SELECT a.account_id, a.role, a.password_hash, a.deactivated_at IS NULL, a.unconfirmed_until
                          FROM login_identifier i JOIN account a ON a.account_id = i.account_id
                         WHERE i.kind = ? AND i.digest = ?""")
                .params(identifier.kind().name(), digest.of(identifier))
                .query(JdbcAccountRegistry::account)
                .optional();
    }

    @Override
    public Optional<Account> findById(UUID accountId) {
        return jdbc.sql("""
                        SELECT account_id, role, password_hash, deactivated_at IS NULL, unconfirmed_until
                          FROM account WHERE account_id = ?""")
                .param(accountId)
                .query(JdbcAccountRegistry::account)
                .optional();
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void confirm(UUID accountId) {
        jdbc.sql("UPDATE account SET unconfirmed_until = NULL WHERE account_id = ?").param(accountId).update();
    }

    @Override
    public void remove(UUID accountId) {
        jdbc.sql("DELETE FROM account WHERE account_id = ?").param(accountId).update();
    }

    @Override
    public boolean changePassword(UUID accountId, PasswordHash passwordHash) {
        return jdbc.sql("UPDATE account SET password_hash = ? WHERE account_id = ?")
                .params(passwordHash.value(), accountId).update() == 1;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void deactivate(UUID accountId, Instant at) {
        jdbc.sql("UPDATE account SET deactivated_at = ? WHERE account_id = ? AND deactivated_at IS NULL")
                .params(Timestamp.from(at), accountId).update();
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void reactivate(UUID accountId) {
        jdbc.sql("UPDATE account SET deactivated_at = NULL WHERE account_id = ?").param(accountId).update();
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void requireAnotherActiveAdmin(UUID adminId) {
        List<UUID> activeAdmins = jdbc.sql("""
                        SELECT account_id FROM account WHERE role = 'ADMIN' AND deactivated_at IS NULL
                         ORDER BY account_id FOR UPDATE""")
                .query(UUID.class).list();
        if (activeAdmins.stream().noneMatch(id -> !id.equals(adminId))) {
            throw new LastActiveAdminException();
        }
    }

    private static Account account(ResultSet rs, int row) throws SQLException {
        Timestamp unconfirmedUntil = rs.getTimestamp(5);
        return new Account(rs.getObject(1, UUID.class), Role.valueOf(rs.getString(2)), rs.getString(3), rs.getBoolean(4),
                unconfirmedUntil == null ? null : unconfirmedUntil.toInstant());
    }
}
