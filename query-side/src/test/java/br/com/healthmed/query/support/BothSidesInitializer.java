package br.com.healthmed.query.support;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.Map;

/**
 * Starts the real command side against a fresh database of the embedded PostgreSQL, then points this query side at the
 * same event store, the same person keys (master key) and the command side's public JWT key — as in production.
 */
public class BothSidesInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String ADMIN_EMAIL = BothSides.ADMIN_EMAIL;
    public static final String ADMIN_PASSWORD = BothSides.ADMIN_PASSWORD;
    /** The ADMIN is enrolled with this TOTP secret at start-up (ADR 0024); codes come from {@code TotpCodes}. */
    public static final String ADMIN_TOTP_SECRET = BothSides.ADMIN_TOTP_SECRET;

    private static BothSides shared;

    public static synchronized String commandSideUrl() {
        if (shared == null) {
            throw new IllegalStateException("the command side starts with the test context");
        }
        return shared.commandSideUrl();
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of(shared().queryProperties()).applyTo(context);
    }

    /** Once per JVM: one command side, one database, one set of keys, whatever the number of contexts. */
    private static synchronized BothSides shared() {
        if (shared == null) {
            shared = BothSides.start(Map.of(), "command-side-e2e.log");
        }
        return shared;
    }
}
