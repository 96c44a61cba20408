package br.com.healthmed.command.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The erasure journal (ADR 0026): the list of every erased person, kept outside the database and its backups, so that
 * a restore to a point before an erasure does not bring the person back. {@link #export} appends the tombstones of
 * {@code person_key} not yet in the file (run it often, e.g. daily, and keep the file on separate, append-only
 * storage); {@link #replay} makes each listed person erased again in a restored database, before the applications
 * start: key shredded (a tombstone, also for a person the backup never saw) and credential and login names removed,
 * as the erasure did. The file holds pseudonymous ids and times only, no personal data.
 * <p>
 * Format, one line per person: {@code <subject id> TAB <shredded at, ISO-8601 UTC>}; lines starting with '#' are
 * comments. The file only grows: a line is never rewritten.
 */
public final class ErasureJournal {

    static final String HEADER = "# Health&Med erasure journal: subject id, time of erasure (append-only; ADR 0026)";

    /** What a replay changed: keys that the restore had brought back and were shredded again, accounts removed again. */
    public record Replay(int journalled, int keysShredded, int accountsRemoved) {
    }

    /** Appends every tombstone of {@code source} not in {@code journal} yet (the file is created when missing). */
    public int export(EventStoreBackup.Database source, Path journal) {
        Map<UUID, Instant> known = read(journal);
        List<String> lines = new ArrayList<>();
        try (Connection connection = source.connect();
             PreparedStatement tombstones = connection.prepareStatement("""
                     SELECT subject_id, COALESCE(shredded_at, now()) FROM person_key
                      WHERE wrapped_key IS NULL ORDER BY 2, 1""");
             ResultSet rows = tombstones.executeQuery()) {
            while (rows.next()) {
                UUID subject = rows.getObject(1, UUID.class);
                if (!known.containsKey(subject)) {
                    lines.add(subject + "\t" + rows.getTimestamp(2).toInstant());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the tombstones of " + source + " failed", e);
        }
        append(journal, known.isEmpty() && !exists(journal), lines);
        return lines.size();
    }

    /**
     * Erases again, in one transaction, every person listed in {@code journal} within {@code target} (a database just
     * restored, applications stopped). Replaying twice changes nothing more.
     */
    public Replay replay(Path journal, EventStoreBackup.Database target) {
        if (!exists(journal)) {
            throw new IllegalArgumentException("no erasure journal at " + journal);
        }
        Map<UUID, Instant> erased = read(journal);
        try (Connection connection = target.connect()) {
            connection.setAutoCommit(false);
            int keys = 0;
            int accounts = 0;
            try (PreparedStatement tombstone = connection.prepareStatement("""
                    INSERT INTO person_key (subject_id, wrapped_key, shredded_at) VALUES (?, NULL, ?)
                    ON CONFLICT (subject_id) DO UPDATE SET wrapped_key = NULL,
                        shredded_at = COALESCE(person_key.shredded_at, EXCLUDED.shredded_at)
                     WHERE person_key.wrapped_key IS NOT NULL""");
                 PreparedStatement account = connection.prepareStatement("DELETE FROM account WHERE account_id = ?")) {
                for (Map.Entry<UUID, Instant> entry : erased.entrySet()) {
                    tombstone.setObject(1, entry.getKey());
                    tombstone.setTimestamp(2, Timestamp.from(entry.getValue()));
                    keys += tombstone.executeUpdate();
                    // Login names go with the account (ON DELETE CASCADE), as the erasure removed them.
                    account.setObject(1, entry.getKey());
                    accounts += account.executeUpdate();
                }
            }
            connection.commit();
            return new Replay(erased.size(), keys, accounts);
        } catch (SQLException e) {
            throw new IllegalStateException("replaying the erasure journal into " + target + " failed; nothing was changed", e);
        }
    }

    private static boolean exists(Path journal) {
        return Files.exists(journal);
    }

    /** The journal's entries by subject; a damaged line stops everything, since a skipped erasure would go unnoticed. */
    static Map<UUID, Instant> read(Path journal) {
        Map<UUID, Instant> entries = new LinkedHashMap<>();
        if (!exists(journal)) {
            return entries;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the erasure journal " + journal, e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t");
            try {
                if (fields.length != 2) {
                    throw new IllegalArgumentException("two fields expected");
                }
                entries.putIfAbsent(UUID.fromString(fields[0]), Instant.parse(fields[1]));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new IllegalStateException("erasure journal " + journal + ", line " + (i + 1) + " is damaged: " + line, e);
            }
        }
        return entries;
    }

    private static void append(Path journal, boolean newFile, List<String> lines) {
        if (lines.isEmpty() && !newFile) {
            return;
        }
        StringBuilder text = new StringBuilder();
        if (newFile) {
            text.append(HEADER).append('\n');
        }
        lines.forEach(line -> text.append(line).append('\n'));
        try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            channel.write(StandardCharsets.UTF_8.encode(text.toString()));
            // On disk before the export says it is done: the operator may delete older backups on the strength of it.
            channel.force(true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the erasure journal " + journal, e);
        }
    }
}
