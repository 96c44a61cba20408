package br.com.healthmed.command.auth;

import br.com.healthmed.api.privacy.Sealed;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The TOTP secrets (sealed) and recovery code hashes of V12, outside the event store like the password hashes (ADR
 * 0005, ADR 0024). Each "use" is one conditional UPDATE, so two replicas accepting the same code at the same moment
 * cannot both succeed.
 */
@Component
class SecondFactorStore {

    /** The stored second factor of an account; {@code confirmed} false while an enrolment awaits its first code. */
    record Stored(Sealed secret, boolean confirmed) {

        @Override
        public String toString() {
            return "Stored[protected, confirmed=" + confirmed + "]";
        }
    }

    private final JdbcClient jdbc;

    SecondFactorStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Stored> find(UUID accountId) {
        return jdbc.sql("SELECT sealed_secret, confirmed_at IS NOT NULL FROM account_second_factor WHERE account_id = ?")
                .param(accountId)
                .query((rs, row) -> new Stored(Sealed.of(rs.getString(1)), rs.getBoolean(2)))
                .optional();
    }

    boolean confirmed(UUID accountId) {
        return find(accountId).map(Stored::confirmed).orElse(false);
    }

    /**
     * Keeps {@code secret} as the account's pending enrolment, replacing an earlier pending one; false (and nothing
     * changes) when the account already has a confirmed second factor.
     */
    boolean startPending(UUID accountId, Sealed secret) {
        return jdbc.sql("""
                        INSERT INTO account_second_factor (account_id, sealed_secret) VALUES (?, ?)
                        ON CONFLICT (account_id) DO UPDATE SET sealed_secret = EXCLUDED.sealed_secret, last_used_step = NULL
                         WHERE account_second_factor.confirmed_at IS NULL""")
                .params(accountId, secret.value())
                .update() == 1;
    }

    /** The enrolment's confirmation, inside the enrolment command's transaction; false when none is pending. */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean confirm(UUID accountId, Instant at) {
        return jdbc.sql("UPDATE account_second_factor SET confirmed_at = ? WHERE account_id = ? AND confirmed_at IS NULL")
                .params(Timestamp.from(at), accountId)
                .update() == 1;
    }

    /** Disabling or a reset, inside the command's transaction: the secret and every recovery code go. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void remove(UUID accountId) {
        jdbc.sql("DELETE FROM account_recovery_code WHERE account_id = ?").param(accountId).update();
        jdbc.sql("DELETE FROM account_second_factor WHERE account_id = ?").param(accountId).update();
    }

    /** Spends time step {@code step}: true only for the first use of a step later than every step used before. */
    boolean useStep(UUID accountId, long step) {
        return jdbc.sql("""
                        UPDATE account_second_factor SET last_used_step = ?
                         WHERE account_id = ? AND (last_used_step IS NULL OR last_used_step < ?)""")
                .params(step, accountId, step)
                .update() == 1;
    }

    @Transactional
    public void replaceRecoveryCodes(UUID accountId, List<String> codeHashes) {
        jdbc.sql("DELETE FROM account_recovery_code WHERE account_id = ?").param(accountId).update();
        for (String hash : codeHashes) {
            jdbc.sql("INSERT INTO account_recovery_code (account_id, code_hash) VALUES (?, ?)")
                    .params(accountId, hash).update();
        }
    }

    /** Spends a recovery code: true only for the first use of a code the account has. */
    boolean useRecoveryCode(UUID accountId, String codeHash, Instant at) {
        return jdbc.sql("""
                        UPDATE account_recovery_code SET used_at = ?
                         WHERE account_id = ? AND code_hash = ? AND used_at IS NULL""")
                .params(Timestamp.from(at), accountId, codeHash)
                .update() == 1;
    }

    int unusedRecoveryCodes(UUID accountId) {
        return jdbc.sql("SELECT count(*) FROM account_recovery_code WHERE account_id = ? AND used_at IS NULL")
                .param(accountId).query(Integer.class).single();
    }
}
