package br.com.healthmed.command.account;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.UUID;

/**
 * Reads the {@code login_identifier} table by login name, through the production {@link LookupDigest}, so tests of
 * other packages can count the rows a login name has without knowing (or copying) how it is digested.
 */
public final class LoginNameRows {

    private final JdbcClient jdbc;
    private final LookupDigest digest;

    public LoginNameRows(ApplicationContext context) {
        this.jdbc = context.getBean(JdbcClient.class);
        this.digest = context.getBean(LookupDigest.class);
    }

    /** The account of every row holding this login name. */
    public List<UUID> accountsHolding(LoginIdentifier identifier) {
        return jdbc.sql("SELECT account_id FROM login_identifier WHERE kind = ? AND digest = ?")
                .params(identifier.kind().name(), digest.of(identifier))
                .query(UUID.class).list();
    }
}
