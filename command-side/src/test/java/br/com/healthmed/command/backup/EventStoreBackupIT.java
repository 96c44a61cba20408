package br.com.healthmed.command.backup;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static br.com.healthmed.command.backup.ScratchDatabases.database;
import static br.com.healthmed.command.backup.ScratchDatabases.execute;
import static br.com.healthmed.command.backup.ScratchDatabases.rows;
import static br.com.healthmed.command.backup.ScratchDatabases.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The backup's own guarantees, on the embedded PostgreSQL with the command side's schema: a restore gives back every
 * row and moves the sequences past them, and it refuses what would silently lose or mix data. (The whole drill, with
 * the applications, is the query side's BackupRestoreDrillIT.)
 */
class EventStoreBackupIT {

    private static final Instant TAKEN_AT = Instant.parse("2026-12-01T23:00:00Z");

    private final EventStoreBackup backups = new EventStoreBackup(Clock.fixed(TAKEN_AT, ZoneOffset.UTC));

    @TempDir
    Path folder;

    EventStoreBackup.Database live;

    @BeforeEach
    void liveDatabaseWithHistory() throws SQLException {
        live = database("backup_live");
        Flyway.configure().dataSource(live.url(), live.user(), live.password()).locations(EventStoreBackup.MIGRATIONS).load().migrate();
        execute(live,
                "INSERT INTO domain_event_entry (event_identifier, payload, payload_type, time_stamp, aggregate_identifier, sequence_number, type)"
                        + " SELECT 'event-' || n, convert_to('{\"n\":' || n || '}', 'UTF8'), 'healthmed.test.Happened',"
                        + " '2026-12-01T22:00:00Z', 'aggregate-' || (n % 7), n / 7, 'Doctor' FROM generate_series(1, 50) n",
                "INSERT INTO account (account_id, role, password_hash) VALUES ('00000000-0000-0000-0000-00000000000a', 'PATIENT', 'hash')",
                "INSERT INTO login_identifier (kind, digest, account_id) VALUES ('EMAIL', 'digest', '00000000-0000-0000-0000-00000000000a')",
                "INSERT INTO person_key (subject_id, wrapped_key) VALUES ('00000000-0000-0000-0000-00000000000a', '\\x0102'),"
                        + " ('00000000-0000-0000-0000-00000000000b', NULL)",
                "UPDATE person_key SET shredded_at = now() WHERE wrapped_key IS NULL");
    }

    @Test
    void a_restore_gives_back_every_row_and_new_events_come_after_the_restored_ones() throws SQLException {
        BackupManifest manifest = backups.backup(live, folder);
        EventStoreBackup.Database restored = database("backup_restored");

        backups.restore(folder, restored);

        assertThat(manifest.takenAt()).isEqualTo(TAKEN_AT);
        assertThat(manifest.events()).isEqualTo(50);
        assertThat(manifest.schemaVersion()).isEqualTo(single(live, "SELECT max(version::int)::text FROM flyway_schema_history"));
        for (String table : List.of("domain_event_entry", "account", "login_identifier", "person_key")) {
            String rows = "SELECT " + table + "::text FROM " + table + " AS " + table + " ORDER BY 1";
            assertThat(rows(restored, rows)).as(table).isEqualTo(rows(live, rows)).isNotEmpty();
        }
        assertThat(single(restored, "SELECT count(*) FROM person_key WHERE wrapped_key IS NULL AND shredded_at IS NOT NULL"))
                .as("a shredded key stays a tombstone").isEqualTo("1");
        execute(restored, "INSERT INTO domain_event_entry (event_identifier, payload, payload_type, time_stamp, aggregate_identifier,"
                + " sequence_number, type) VALUES ('after', '\\x7b7d', 't', 't', 'new', 0, 'Doctor')");
        assertThat(Long.parseLong(single(restored, "SELECT global_index FROM domain_event_entry WHERE event_identifier = 'after'")))
                .isGreaterThan(manifest.eventStreamHead());
    }

    @Test
    void a_damaged_file_is_refused_before_anything_is_written() throws IOException, SQLException {
        backups.backup(live, folder);
        Path events = folder.resolve("domain_event_entry.copy");
        List<String> lines = new ArrayList<>(Files.readAllLines(events));
        lines.removeLast();
        Files.write(events, lines);
        EventStoreBackup.Database restored = database("backup_damaged");

        assertThatThrownBy(() -> backups.restore(folder, restored))
                .hasMessageContaining("domain_event_entry.copy is damaged");
        assertThat(single(restored, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")).isEqualTo("0");
    }

    @Test
    void a_restore_into_a_database_that_has_tables_is_refused() {
        backups.backup(live, folder);

        assertThatThrownBy(() -> backups.restore(folder, live)).hasMessageContaining("restore into a new, empty database");
    }

    @Test
    void a_backup_never_writes_over_an_earlier_one() throws IOException {
        Files.writeString(folder.resolve("manifest.json"), "{}");

        assertThatThrownBy(() -> backups.backup(live, folder)).hasMessageContaining("is not empty");
    }
}
