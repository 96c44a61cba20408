package br.com.healthmed.command.backup;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.Clock;

import static br.com.healthmed.command.backup.ScratchDatabases.database;
import static br.com.healthmed.command.backup.ScratchDatabases.execute;
import static br.com.healthmed.command.backup.ScratchDatabases.rows;
import static br.com.healthmed.command.backup.ScratchDatabases.single;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 9 item 13 (ADR 0026): a person erased after a backup stays erased when that backup is restored, through the
 * erasure journal kept outside the database (deploy/backup/erasure-journal.sh runs these two steps).
 */
class ErasureJournalIT {

    private static final String ERASED_BEFORE = "00000000-0000-0000-0000-0000000000b1";
    private static final String ERASED_AFTER = "00000000-0000-0000-0000-0000000000a2";
    private static final String REGISTERED_AFTER_AND_ERASED = "00000000-0000-0000-0000-0000000000c3";
    private static final String KEPT = "00000000-0000-0000-0000-0000000000d4";

    private final EventStoreBackup backups = new EventStoreBackup(Clock.systemUTC());
    private final ErasureJournal erasures = new ErasureJournal();

    @TempDir
    Path folder;

    EventStoreBackup.Database live;
    Path journal;

    @BeforeEach
    void liveDatabase() throws SQLException {
        live = database("journal_live");
        Flyway.configure().dataSource(live.url(), live.user(), live.password()).locations(EventStoreBackup.MIGRATIONS).load().migrate();
        journal = folder.resolve("erasures.tsv");
        execute(live,
                "INSERT INTO account (account_id, role, password_hash) VALUES ('" + ERASED_AFTER + "', 'PATIENT', 'hash'),"
                        + " ('" + KEPT + "', 'PATIENT', 'hash')",
                "INSERT INTO login_identifier (kind, digest, account_id) VALUES ('EMAIL', 'erased-after', '" + ERASED_AFTER + "'),"
                        + " ('EMAIL', 'kept', '" + KEPT + "')",
                "INSERT INTO person_key (subject_id, wrapped_key) VALUES ('" + ERASED_AFTER + "', '\\x0102'),"
                        + " ('" + KEPT + "', '\\x0304')",
                "INSERT INTO person_key (subject_id, wrapped_key, shredded_at) VALUES ('" + ERASED_BEFORE + "', NULL,"
                        + " '2026-11-30T10:00:00Z')");
    }

    @Test
    void a_backup_restored_after_erasures_gets_them_back_from_the_journal_before_the_applications_start() throws Exception {
        Path backup = folder.resolve("backup");
        backups.backup(live, backup);
        assertThat(erasures.export(live, journal)).isEqualTo(1);

        // After the backup: one person erased, one registered and erased; the daily export appends both.
        execute(live,
                "UPDATE person_key SET wrapped_key = NULL, shredded_at = '2026-12-01T09:00:00Z' WHERE subject_id = '" + ERASED_AFTER + "'",
                "DELETE FROM account WHERE account_id = '" + ERASED_AFTER + "'",
                "INSERT INTO person_key (subject_id, wrapped_key, shredded_at) VALUES ('" + REGISTERED_AFTER_AND_ERASED
                        + "', NULL, '2026-12-01T10:00:00Z')");
        assertThat(erasures.export(live, journal)).isEqualTo(2);
        assertThat(erasures.export(live, journal)).as("an export appends only what is new").isZero();
        assertThat(Files.readAllLines(journal)).hasSize(4).first().isEqualTo(ErasureJournal.HEADER);

        EventStoreBackup.Database restored = database("journal_restored");
        backups.restore(backup, restored);
        assertThat(single(restored, "SELECT count(*) FROM person_key WHERE wrapped_key IS NOT NULL AND subject_id = '"
                + ERASED_AFTER + "'")).as("the restore brought the erased person's key back").isEqualTo("1");

        ErasureJournal.Replay replay = erasures.replay(journal, restored);

        assertThat(replay).isEqualTo(new ErasureJournal.Replay(3, 2, 1));
        assertThat(rows(restored, "SELECT subject_id || ' ' || to_char(shredded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') FROM person_key WHERE wrapped_key IS NULL ORDER BY 1"))
                .containsExactly(
                        ERASED_AFTER + " 2026-12-01 09:00:00",
                        ERASED_BEFORE + " 2026-11-30 10:00:00",
                        REGISTERED_AFTER_AND_ERASED + " 2026-12-01 10:00:00");
        assertThat(rows(restored, "SELECT account_id::text FROM account ORDER BY 1")).containsExactly(KEPT);
        assertThat(rows(restored, "SELECT digest FROM login_identifier ORDER BY 1")).containsExactly("kept");
        assertThat(single(restored, "SELECT count(*) FROM person_key WHERE wrapped_key IS NOT NULL")).isEqualTo("1");
        assertThat(erasures.replay(journal, restored)).as("replaying twice changes nothing more")
                .isEqualTo(new ErasureJournal.Replay(3, 0, 0));
    }

    @Test
    void a_damaged_journal_is_refused_before_anything_changes() throws Exception {
        erasures.export(live, journal);
        Files.writeString(journal, "not-a-uuid\t2026-12-01T09:00:00Z\n", StandardOpenOption.APPEND);

        assertThatThrownBy(() -> erasures.replay(journal, live)).hasMessageContaining("line 3 is damaged");
        assertThatThrownBy(() -> erasures.export(live, journal)).hasMessageContaining("line 3 is damaged");
        assertThatThrownBy(() -> erasures.replay(folder.resolve("missing.tsv"), live)).hasMessageContaining("no erasure journal");
        assertThat(single(live, "SELECT count(*) FROM person_key WHERE wrapped_key IS NULL")).isEqualTo("1");
    }
}
