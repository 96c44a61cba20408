package br.com.healthmed.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The least-privilege accounts of the stores (issue 9 item 4, ADR 0025) on the embedded servers, as
 * {@code deploy/postgres/query-side-role.sh} and the Redis ACL users of docker compose and Kubernetes create them:
 * <ul>
 *   <li>PostgreSQL role {@value #QUERY_DATABASE_ROLE}: owns schema {@code query_side} and nothing else; the command
 *   side's migration V13 grants it SELECT on exactly the tables it reads (events, snapshots, person keys);</li>
 *   <li>Redis user {@value #QUERY_REDIS_USER}: its agenda and search caches ({@code agenda:*}, {@code search:*}, ADR
 *   0035), no other key, no administrative command;</li>
 *   <li>Redis user {@value #QUERY_DENY_LIST_REDIS_USER}: MGET on the access-token deny-list ({@code auth:revoked:*})
 *   and nothing else: the query side reads the deny-list through it (ADR 0034);</li>
 *   <li>Redis user {@value #COMMAND_REDIS_USER}: every key, no administrative command.</li>
 * </ul>
 * Two query-side users rather than one with a read-only key pattern ({@code %R~}, Redis 7.0) keep the deny-list
 * read-only on the embedded Redis 6.2 too.
 */
public record StoreAccounts(String queryDatabasePassword, String commandRedisPassword, String queryRedisPassword,
                            String queryDenyListRedisPassword) {

    public static final String QUERY_DATABASE_ROLE = "healthmed_query";
    public static final String QUERY_SCHEMA = "query_side";
    public static final String COMMAND_REDIS_USER = "command-side";
    public static final String QUERY_REDIS_USER = "query-side";
    public static final String QUERY_DENY_LIST_REDIS_USER = "query-side-deny-list";

    /** The environment variables run.sh passes to {@link LocalStack} (kept in its secrets.env). */
    public static final String QUERY_DATABASE_PASSWORD_VARIABLE = "HEALTHMED_QUERY_DATABASE_PASSWORD";
    public static final String COMMAND_REDIS_PASSWORD_VARIABLE = "HEALTHMED_REDIS_COMMAND_PASSWORD";
    public static final String QUERY_REDIS_PASSWORD_VARIABLE = "HEALTHMED_REDIS_QUERY_PASSWORD";
    public static final String QUERY_DENY_LIST_REDIS_PASSWORD_VARIABLE = "HEALTHMED_REDIS_DENY_LIST_PASSWORD";

    /**
     * The query side's commands: reading and writing its keys, connection handling, INFO for the health check, SELECT
     * (each test context has its own database). Redis 6.2 files SELECT under @keyspace and CLIENT under @dangerous as a
     * whole, so the client's hand-shake (CLIENT SETNAME, SETINFO) is named here; Redis 7 files them under @connection.
     */
    public static final String QUERY_REDIS_COMMANDS =
            "-@all +@read +@write +@connection -@dangerous +info +select +client|setname +client|setinfo";
    /**
     * The deny-list reader's: MGET (what {@code RevokedAccessTokens} reads with) and the connection hand-shake, SELECT
     * included, nothing that writes.
     */
    public static final String QUERY_DENY_LIST_REDIS_COMMANDS =
            "-@all +@connection -@dangerous +mget +select +client|setname +client|setinfo";
    /** The command side's: everything but the administrative commands (scripts and transactions included). */
    public static final String COMMAND_REDIS_COMMANDS = "+@all -@dangerous +info +client|setname +client|setinfo";

    private static final SecureRandom RANDOM = new SecureRandom();

    public StoreAccounts {
        for (String password : List.of(queryDatabasePassword, commandRedisPassword, queryRedisPassword,
                queryDenyListRedisPassword)) {
            if (password == null || password.isBlank() || !password.matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("store passwords are non-empty and made of letters, digits, '-' and '_'");
            }
        }
    }

    /** Fresh passwords, for a test JVM. */
    public static StoreAccounts generated() {
        return new StoreAccounts(randomPassword(), randomPassword(), randomPassword(), randomPassword());
    }

    /** The passwords run.sh generated and keeps; fresh ones when a variable is missing (a stack started by hand). */
    public static StoreAccounts fromEnvironment(Map<String, String> environment) {
        return new StoreAccounts(
                environment.getOrDefault(QUERY_DATABASE_PASSWORD_VARIABLE, randomPassword()),
                environment.getOrDefault(COMMAND_REDIS_PASSWORD_VARIABLE, randomPassword()),
                environment.getOrDefault(QUERY_REDIS_PASSWORD_VARIABLE, randomPassword()),
                environment.getOrDefault(QUERY_DENY_LIST_REDIS_PASSWORD_VARIABLE, randomPassword()));
    }

    /**
     * The {@code user} directives of the Redis configuration (passwords as SHA-256, never in clear). With
     * {@code defaultUserOn} the unauthenticated default user keeps every right: only test servers, whose helpers
     * inspect and clear keys, keep it.
     */
    public List<String> redisUserDirectives(boolean defaultUserOn) {
        List<String> directives = new ArrayList<>();
        directives.add("user default " + (defaultUserOn ? "on nopass ~* &* +@all" : "off resetpass -@all"));
        directives.add("user " + COMMAND_REDIS_USER + " on #" + sha256(commandRedisPassword) + " resetchannels &healthmed:consultation:room:* ~* " + COMMAND_REDIS_COMMANDS);
        directives.add("user " + QUERY_REDIS_USER + " on #" + sha256(queryRedisPassword)
                + " resetchannels ~agenda:* ~search:* " + QUERY_REDIS_COMMANDS);
        directives.add("user " + QUERY_DENY_LIST_REDIS_USER + " on #" + sha256(queryDenyListRedisPassword)
                + " resetchannels ~auth:revoked:* " + QUERY_DENY_LIST_REDIS_COMMANDS);
        return directives;
    }

    /**
     * Creates the query side's role on the server (or gives it today's password), once per server; {@code admin} is a
     * superuser connection to any of its databases.
     */
    public void createQueryDatabaseRole(Connection admin) throws SQLException {
        try (PreparedStatement exists = admin.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
            exists.setString(1, QUERY_DATABASE_ROLE);
            try (ResultSet row = exists.executeQuery(); Statement statement = admin.createStatement()) {
                String verb = row.next() ? "ALTER" : "CREATE";
                // The password is checked above to need no quoting.
                statement.execute(verb + " ROLE " + QUERY_DATABASE_ROLE
                        + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '" + queryDatabasePassword + "'");
            }
        }
    }

    /**
     * Gives the query side its own schema in one database: created for (or handed over to) its role, so that the
     * query side's Flyway migrates it without any right on the rest of the database. A database where the schema was
     * created by another owner (a ./run.sh home from before ADR 0025) has its tables and functions handed over too.
     */
    public static void prepareQuerySchema(String jdbcUrl, String adminUser, String adminPassword) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, adminUser, adminPassword);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS " + QUERY_SCHEMA + " AUTHORIZATION " + QUERY_DATABASE_ROLE);
            statement.execute("""
                    DO $$
                    DECLARE item record;
                    BEGIN
                      FOR item IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                                  WHERE n.nspname = 'query_side' AND c.relkind IN ('r', 'p')
                                    AND pg_get_userbyid(c.relowner) <> 'healthmed_query' LOOP
                        EXECUTE format('ALTER TABLE query_side.%I OWNER TO healthmed_query', item.relname);
                      END LOOP;
                      FOR item IN SELECT p.oid::regprocedure AS signature FROM pg_proc p
                                  JOIN pg_namespace n ON n.oid = p.pronamespace
                                  WHERE n.nspname = 'query_side' AND pg_get_userbyid(p.proowner) <> 'healthmed_query' LOOP
                        EXECUTE format('ALTER FUNCTION %s OWNER TO healthmed_query', item.signature);
                      END LOOP;
                    END $$""");
            statement.execute("ALTER SCHEMA " + QUERY_SCHEMA + " OWNER TO " + QUERY_DATABASE_ROLE);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot prepare the query side's schema in " + jdbcUrl, e);
        }
    }

    static String sha256(String password) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
