package br.com.healthmed.query.support;

import br.com.healthmed.testing.SharedInfrastructure;
import br.com.healthmed.testing.StoreAccounts;
import br.com.healthmed.testing.TotpCodes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The real command side, started from its packaged jar against a fresh database of the embedded PostgreSQL, and the
 * properties that point a query side at the same event store, the same person keys (master key) and the command
 * side's public JWT key — as in production. {@link BothSidesInitializer} keeps one per test JVM; a test that needs the
 * command side configured otherwise starts its own with {@link #start(Map, String)} and closes it.
 */
public final class BothSides implements AutoCloseable {

    public static final String ADMIN_EMAIL = "admin@e2e.healthmed.test";
    public static final String ADMIN_PASSWORD = "e2e-admin-password";
    /** The ADMIN is enrolled with this TOTP secret at start-up (ADR 0024); codes come from {@code TotpCodes}. */
    public static final String ADMIN_TOTP_SECRET = TotpCodes.newSecret();

    private final CommandSideProcess commandSide;
    private final Map<String, String> queryProperties;

    private BothSides(CommandSideProcess commandSide, Map<String, String> queryProperties) {
        this.commandSide = commandSide;
        this.queryProperties = queryProperties;
    }

    /**
     * {@code commandSideSettings}: environment variables of the command side beyond the shared ones, e.g. a short
     * {@code HEALTHMED_REQUEST_EXPIRY}; {@code logName}: its log file in command-side/target.
     */
    public static BothSides start(Map<String, String> commandSideSettings, String logName) {
        var postgres = SharedInfrastructure.postgres();
        var redis = SharedInfrastructure.redis();
        var mongo = SharedInfrastructure.mongo();
        var accounts = SharedInfrastructure.accounts();
        String jdbcUrl = postgres.createUniqueDatabase("e2e");
        StoreAccounts.prepareQuerySchema(jdbcUrl, "postgres", "postgres");
        String masterKey = PersonKeys.randomMasterKey();
        Path keys = jwtKeyDirectory();
        // One Redis database for both, as in production: the query side must see the command side's deny-list.
        String redisDatabase = Integer.toString(SharedInfrastructure.nextRedisDatabase());
        Map<String, String> environment = new HashMap<>(Map.ofEntries(
                Map.entry("DATABASE_URL", jdbcUrl),
                Map.entry("DATABASE_USERNAME", "postgres"),
                Map.entry("DATABASE_PASSWORD", "postgres"),
                Map.entry("REDIS_HOST", "127.0.0.1"),
                Map.entry("REDIS_PORT", Integer.toString(redis.port())),
                Map.entry("SPRING_DATA_REDIS_USERNAME", StoreAccounts.COMMAND_REDIS_USER),
                Map.entry("REDIS_PASSWORD", accounts.commandRedisPassword()),
                Map.entry("SPRING_DATA_REDIS_DATABASE", redisDatabase),
                Map.entry("HEALTHMED_PRIVACY_MASTER_KEY", masterKey),
                Map.entry("HEALTHMED_PRIVACY_LOOKUP_KEY", PersonKeys.randomMasterKey()),
                Map.entry("HEALTHMED_ADMIN_EMAIL", ADMIN_EMAIL),
                Map.entry("HEALTHMED_ADMIN_PASSWORD", ADMIN_PASSWORD),
                Map.entry("HEALTHMED_ADMIN_TOTP_SECRET", ADMIN_TOTP_SECRET),
                Map.entry("HEALTHMED_JWT_KEY_DIRECTORY", keys.toString()),
                Map.entry("HEALTHMED_SECURITY_JWT_KEY_DIRECTORY", keys.toString()),
                // Every test of this JVM registers and books through this one command side from one address: the
                // abuse limits of issue 9 (ADR 0021) are lifted as in the command side's own tests; its ITs test them.
                Map.entry("HEALTHMED_SECURITY_REGISTRATIONTHROTTLE_PERADDRESS", "100000"),
                Map.entry("HEALTHMED_PATIENTREQUESTS_PERWINDOW", "100000"),
                Map.entry("HEALTHMED_SECURITY_PASSWORDHASHING_MAXWAIT", "PT30S"),
                // The JVM's one SMTP server: fixtures confirm patient registrations with the mailed token (ADR 0033).
                Map.entry("SPRING_MAIL_HOST", "127.0.0.1"),
                Map.entry("SPRING_MAIL_PORT", Integer.toString(SharedInfrastructure.mailbox().port()))));
        environment.putAll(commandSideSettings);
        CommandSideProcess commandSide = CommandSideProcess.start(environment, logName);
        // The query side with its least-privilege accounts (ADR 0025), the command side with the owner's database
        // account and its own Redis user, as in docker compose and Kubernetes.
        Map<String, String> queryProperties = Map.ofEntries(
                Map.entry("spring.datasource.url", jdbcUrl),
                Map.entry("spring.datasource.username", StoreAccounts.QUERY_DATABASE_ROLE),
                Map.entry("spring.datasource.password", accounts.queryDatabasePassword()),
                Map.entry("spring.data.redis.username", StoreAccounts.QUERY_REDIS_USER),
                Map.entry("spring.data.redis.password", accounts.queryRedisPassword()),
                Map.entry("healthmed.security.deny-list.redis-username", StoreAccounts.QUERY_DENY_LIST_REDIS_USER),
                Map.entry("healthmed.security.deny-list.redis-password", accounts.queryDenyListRedisPassword()),
                Map.entry("spring.data.redis.host", "127.0.0.1"),
                Map.entry("spring.data.redis.port", Integer.toString(redis.port())),
                Map.entry("spring.data.redis.database", redisDatabase),
                Map.entry("spring.data.mongodb.uri", mongo.uri(mongo.uniqueDatabase("e2e"))),
                Map.entry("healthmed.privacy.master-key", masterKey),
                Map.entry("healthmed.security.jwt.public-key", ""),
                Map.entry("healthmed.security.jwt.key-directory", keys.toString()));
        return new BothSides(commandSide, queryProperties);
    }

    public String commandSideUrl() {
        return commandSide.baseUrl();
    }

    public Map<String, String> queryProperties() {
        return queryProperties;
    }

    @Override
    public void close() {
        commandSide.close();
    }

    private static Path jwtKeyDirectory() {
        try {
            Path parent = Files.createTempDirectory("healthmed-e2e-");
            parent.toFile().deleteOnExit();
            return parent.resolve("keys");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
