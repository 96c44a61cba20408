package br.com.healthmed.command.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a backup folder holds and how to check it: the schema version its rows fit, one COPY file per table with its
 * row count and SHA-256, the sequences' values, and the event stream's head, so that a restore can say it got
 * everything back and the views' rebuild knows when it has replayed all of it.
 */
public record BackupManifest(
        String format,
        Instant takenAt,
        String schemaVersion,
        long eventStreamHead,
        long events,
        List<Table> tables,
        Map<String, Long> sequences) {

    public static final String FORMAT = "healthmed-event-store-backup/1";
    public static final String FILE = "manifest.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** One table: its columns in COPY order, its primary key (the rows' order in the file), rows and checksum. */
    public record Table(String name, List<String> columns, List<String> primaryKey, long rows, String sha256) {

        public String file() {
            return name + ".copy";
        }
    }

    public Table table(String name) {
        return tables.stream().filter(table -> table.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the backup has no table " + name));
    }

    void write(Path folder) {
        try {
            JSON.writeValue(folder.resolve(FILE).toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the manifest in " + folder, e);
        }
    }

    public static BackupManifest read(Path folder) {
        try {
            BackupManifest manifest = JSON.readValue(folder.resolve(FILE).toFile(), BackupManifest.class);
            if (!FORMAT.equals(manifest.format())) {
                throw new IllegalArgumentException("not a backup this version can restore: format " + manifest.format());
            }
            return manifest;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest in " + folder, e);
        }
    }
}
