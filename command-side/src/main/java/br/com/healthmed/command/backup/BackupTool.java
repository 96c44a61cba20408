package br.com.healthmed.command.backup;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command line of {@link EventStoreBackup}, run from the command side's jar without starting the application
 * (deploy/backup/drill.sh shows how):
 * <pre>
 * backup  FOLDER   copies the database of DATABASE_URL into FOLDER
 * restore FOLDER   restores FOLDER into the database of DATABASE_URL, created when missing, which must be empty
 * erasures-export JOURNAL   appends the erasures of DATABASE_URL not yet in the JOURNAL file ({@link ErasureJournal})
 * erasures-replay JOURNAL   erases again in DATABASE_URL (just restored) every person in the JOURNAL file
 * </pre>
 * The connection comes from the same variables the command side reads: DATABASE_URL, DATABASE_USERNAME and
 * DATABASE_PASSWORD.
 */
public final class BackupTool {

    private static final Pattern DATABASE_IN_URL = Pattern.compile("^(jdbc:postgresql://[^/]+/)([^?]+)(.*)$");

    private BackupTool() {
    }

    public static void main(String[] args) {
        if (args.length != 2 || !List.of("backup", "restore", "erasures-export", "erasures-replay").contains(args[0])) {
            System.err.println("usage: BackupTool backup|restore FOLDER | erasures-export|erasures-replay JOURNAL"
                    + "  (database from DATABASE_URL, DATABASE_USERNAME, DATABASE_PASSWORD)");
            System.exit(2);
        }
        Map<String, String> environment = System.getenv();
        EventStoreBackup.Database database = new EventStoreBackup.Database(
                required(environment, "DATABASE_URL"),
                environment.getOrDefault("DATABASE_USERNAME", "healthmed"),
                environment.getOrDefault("DATABASE_PASSWORD", ""));
        Path folder = Path.of(args[1]).toAbsolutePath();
        if (args[0].startsWith("erasures-")) {
            erasures(args[0], database, folder);
            return;
        }
        EventStoreBackup backups = new EventStoreBackup(Clock.systemUTC());
        BackupManifest manifest;
        if (args[0].equals("backup")) {
            manifest = backups.backup(database, folder);
            System.out.printf("backup of %s in %s%n", database, folder);
        } else {
            createIfMissing(database);
            manifest = backups.restore(folder, database);
            System.out.printf("restored %s into %s%n", folder, database);
        }
        System.out.printf("schema version %s, %d events up to global index %d, taken at %s%n",
                manifest.schemaVersion(), manifest.events(), manifest.eventStreamHead(), manifest.takenAt());
        for (BackupManifest.Table table : manifest.tables()) {
            System.out.printf("  %-28s %8d rows  sha256 %s%n", table.name(), table.rows(), table.sha256());
        }
    }

    private static void erasures(String command, EventStoreBackup.Database database, Path journal) {
        ErasureJournal erasures = new ErasureJournal();
        if (command.equals("erasures-export")) {
            int appended = erasures.export(database, journal);
            System.out.printf("%d new erasure(s) of %s appended to %s%n", appended, database, journal);
        } else {
            ErasureJournal.Replay replay = erasures.replay(journal, database);
            System.out.printf("%d erasure(s) in %s replayed into %s: %d person key(s) shredded again, %d account(s) removed again%n",
                    replay.journalled(), journal, database, replay.keysShredded(), replay.accountsRemoved());
        }
    }

    /** A restore goes into a new database; creating it here saves the operator a step (CREATE DATABASE right needed). */
    static void createIfMissing(EventStoreBackup.Database database) {
        Matcher url = DATABASE_IN_URL.matcher(database.url());
        if (!url.matches()) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL with a database: " + database.url());
        }
        String name = url.group(2);
        try (Connection maintenance = DriverManager.getConnection(url.group(1) + "postgres" + url.group(3),
                database.user(), database.password())) {
            try (PreparedStatement exists = maintenance.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, name);
                try (ResultSet found = exists.executeQuery()) {
                    if (found.next()) {
                        return;
                    }
                }
            }
            try (Statement create = maintenance.createStatement()) {
                create.execute("CREATE DATABASE " + EventStoreBackup.identifier(name));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the database " + name + "; create it by hand and run again", e);
        }
    }

    private static String required(Map<String, String> environment, String name) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            System.err.println(name + " is not set");
            System.exit(2);
        }
        return value;
    }
}
