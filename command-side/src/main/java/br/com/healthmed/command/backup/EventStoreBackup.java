package br.com.healthmed.command.backup;

import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A logical backup of the command side's database (the JDBC event store with its snapshots, and what must come back
 * with it: person keys and their tombstones, accounts, login names, the slot directory, deadlines, sagas, the
 * notifications' state) through PostgreSQL's COPY, and its restore into an empty database (ADR 0022).
 * <p>
 * COPY, not pg_dump: the embedded PostgreSQL of the build and of ./run.sh ships no pg_dump, and the rows are all a
 * restore needs, because the schema comes from the command side's own migrations, run up to the backup's version.
 * Every table is copied in one read-only REPEATABLE READ transaction, so the files are one consistent snapshot, as
 * pg_dump's would be. The query side's schema is left out on purpose: its tokens, heartbeats and dead letters belong
 * to views that are rebuilt from the events, never restored.
 */
public final class EventStoreBackup {

    public static final String MIGRATIONS = "classpath:db/migration";

    private static final String SCHEMA = "public";
    private static final String FLYWAY_TABLE = "flyway_schema_history";

    private final Clock clock;

    public EventStoreBackup(Clock clock) {
        this.clock = clock;
    }

    /** A database to connect to, as the applications are configured (DATABASE_URL, _USERNAME, _PASSWORD). */
    public record Database(String url, String user, String password) {

        Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }

        @Override
        public String toString() {
            return url;
        }
    }

    /** Copies every table of the command side into {@code folder}, which must not exist yet or be empty. */
    public BackupManifest backup(Database source, Path folder) {
        prepareEmptyFolder(folder);
        try (Connection connection = source.connect()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            List<BackupManifest.Table> tables = new ArrayList<>();
            for (String table : tables(connection)) {
                List<String> columns = columns(connection, table);
                List<String> primaryKey = primaryKey(connection, table);
                BackupManifest.Table described = new BackupManifest.Table(table, columns, primaryKey, 0, "");
                MessageDigest digest = sha256();
                long rows;
                try (OutputStream out = new DigestOutputStream(Files.newOutputStream(folder.resolve(described.file())), digest)) {
                    // Rows in primary-key order: the same data always gives the same file and checksum.
                    String order = primaryKey.isEmpty() ? "" : " ORDER BY " + identifiers(primaryKey);
                    rows = copy.copyOut("COPY (SELECT " + identifiers(columns) + " FROM " + identifier(table) + order
                            + ") TO STDOUT", out);
                }
                tables.add(new BackupManifest.Table(table, columns, primaryKey, rows, HexFormat.of().formatHex(digest.digest())));
            }
            long[] stream = eventStream(connection);
            BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT, clock.instant(), schemaVersion(connection),
                    stream[0], stream[1], tables, sequences(connection));
            connection.commit();
            manifest.write(folder);
            return manifest;
        } catch (SQLException e) {
            throw new IllegalStateException("backup of " + source + " failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException("backup into " + folder + " failed", e);
        }
    }

    /**
     * Restores {@code folder} into {@code target}, which must hold no table yet: checks every file against the
     * manifest first, creates the schema with the command side's migrations up to the backup's version, loads every
     * table in one transaction (referenced tables first), sets the sequences past every restored value, and checks the
     * row counts and the event stream's head before committing. Later migrations run as usual when the command side
     * starts on the restored database.
     */
    public BackupManifest restore(Path folder, Database target) {
        BackupManifest manifest = BackupManifest.read(folder);
        for (BackupManifest.Table table : manifest.tables()) {
            String actual = checksum(folder.resolve(table.file()));
            if (!actual.equals(table.sha256())) {
                throw new IllegalStateException("backup file " + table.file() + " is damaged: SHA-256 " + actual
                        + ", the manifest says " + table.sha256());
            }
        }
        try (Connection connection = target.connect()) {
            if (!tableNames(connection).isEmpty()) {
                throw new IllegalStateException("refusing to restore into " + target
                        + ": it already has tables; restore into a new, empty database");
            }
            Flyway.configure()
                    .dataSource(target.url(), target.user(), target.password())
                    .locations(MIGRATIONS)
                    .target(manifest.schemaVersion())
                    .load()
                    .migrate();
            String migrated = schemaVersion(connection);
            if (!manifest.schemaVersion().equals(migrated)) {
                throw new IllegalStateException("the migrations reach version " + migrated + ", the backup needs "
                        + manifest.schemaVersion() + ": restore with the release that took the backup, or a later one");
            }
            connection.setAutoCommit(false);
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            for (String name : referencedFirst(connection, manifest)) {
                BackupManifest.Table table = manifest.table(name);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("DELETE FROM " + identifier(name));
                }
                long rows;
                try (InputStream in = Files.newInputStream(folder.resolve(table.file()))) {
                    rows = copy.copyIn("COPY " + identifier(name) + " (" + identifiers(table.columns()) + ") FROM STDIN", in);
                }
                if (rows != table.rows()) {
                    throw new IllegalStateException(name + ": " + rows + " rows loaded, the backup has " + table.rows());
                }
            }
            for (Map.Entry<String, Long> sequence : manifest.sequences().entrySet()) {
                try (PreparedStatement statement = connection.prepareStatement("SELECT setval(?::regclass, ?, true)")) {
                    statement.setString(1, identifier(SCHEMA) + "." + identifier(sequence.getKey()));
                    statement.setLong(2, sequence.getValue());
                    statement.execute();
                }
            }
            long[] stream = eventStream(connection);
            if (stream[0] != manifest.eventStreamHead() || stream[1] != manifest.events()) {
                throw new IllegalStateException("restored event stream has " + stream[1] + " events up to " + stream[0]
                        + ", the backup " + manifest.events() + " up to " + manifest.eventStreamHead());
            }
            connection.commit();
            return manifest;
        } catch (SQLException e) {
            throw new IllegalStateException("restore into " + target + " failed; nothing was committed", e);
        } catch (IOException e) {
            throw new UncheckedIOException("restore from " + folder + " failed; nothing was committed", e);
        }
    }

    /** The SHA-256 of a file, as the manifest records it. */
    public static String checksum(Path file) {
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void prepareEmptyFolder(Path folder) {
        try {
            Files.createDirectories(folder);
            try (var entries = Files.list(folder)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalStateException("backup folder " + folder + " is not empty; give each backup a folder of its own");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the backup folder " + folder, e);
        }
    }

    private static List<String> tables(Connection connection) throws SQLException {
        List<String> names = tableNames(connection);
        names.remove(FLYWAY_TABLE);
        return names;
    }

    private static List<String> tableNames(Connection connection) throws SQLException {
        return strings(connection, "SELECT table_name FROM information_schema.tables WHERE table_schema = ?"
                + " AND table_type = 'BASE TABLE' ORDER BY table_name", SCHEMA);
    }

    private static List<String> columns(Connection connection, String table) throws SQLException {
        return strings(connection, "SELECT column_name FROM information_schema.columns WHERE table_schema = '" + SCHEMA
                + "' AND table_name = ? ORDER BY ordinal_position", table);
    }

    private static List<String> primaryKey(Connection connection, String table) throws SQLException {
        return strings(connection, "SELECT a.attname FROM pg_index i"
                + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)"
                + " WHERE i.indrelid = ?::regclass AND i.indisprimary"
                + " ORDER BY array_position(i.indkey::int2[], a.attnum)", identifier(SCHEMA) + "." + identifier(table));
    }

    private static String schemaVersion(Connection connection) throws SQLException {
        List<String> versions = strings(connection, "SELECT version FROM " + identifier(FLYWAY_TABLE)
                + " WHERE success AND version IS NOT NULL AND version <> ? ORDER BY installed_rank DESC LIMIT 1", "");
        if (versions.isEmpty()) {
            throw new IllegalStateException("no migrated schema: the command side has never run on this database");
        }
        return versions.getFirst();
    }

    /** {head, count}: the highest global index and the number of events. */
    private static long[] eventStream(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT coalesce(max(global_index), -1), count(*) FROM domain_event_entry")) {
            rows.next();
            return new long[]{rows.getLong(1), rows.getLong(2)};
        }
    }

    /** Sequences' values as the catalogue has them (never lower than any value in the copied rows). */
    private static Map<String, Long> sequences(Connection connection) throws SQLException {
        Map<String, Long> values = new TreeMap<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = ? AND last_value IS NOT NULL")) {
            statement.setString(1, SCHEMA);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return values;
    }

    /** The backup's tables in an order that loads every referenced table before the tables that reference it. */
    private static List<String> referencedFirst(Connection connection, BackupManifest manifest) throws SQLException {
        Map<String, Set<String>> references = new LinkedHashMap<>();
        for (BackupManifest.Table table : manifest.tables()) {
            references.put(table.name(), new LinkedHashSet<>());
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT c.conrelid::regclass::text, c.confrelid::regclass::text FROM pg_constraint c"
                        + " WHERE c.contype = 'f' AND c.connamespace = ?::regnamespace")) {
            statement.setString(1, SCHEMA);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String from = unquoted(rows.getString(1));
                    String to = unquoted(rows.getString(2));
                    if (references.containsKey(from) && !from.equals(to)) {
                        references.get(from).add(to);
                    }
                }
            }
        }
        List<String> order = new ArrayList<>();
        while (order.size() < references.size()) {
            int before = order.size();
            references.forEach((table, referenced) -> {
                if (!order.contains(table) && order.containsAll(referenced.stream().filter(references::containsKey).toList())) {
                    order.add(table);
                }
            });
            if (order.size() == before) {
                throw new IllegalStateException("foreign keys form a cycle among " + references.keySet());
            }
        }
        for (String table : tableNames(connection)) {
            if (!references.containsKey(table) && !table.equals(FLYWAY_TABLE)) {
                throw new IllegalStateException("the schema has table " + table + ", which the backup lacks");
            }
        }
        return order;
    }

    private static String unquoted(String name) {
        return name.startsWith("\"") ? name.substring(1, name.length() - 1).replace("\"\"", "\"") : name;
    }

    private static List<String> strings(Connection connection, String sql, String parameter) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
        }
        return values;
    }

    private static String identifiers(List<String> names) {
        return String.join(", ", names.stream().map(EventStoreBackup::identifier).toList());
    }

    static String identifier(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
