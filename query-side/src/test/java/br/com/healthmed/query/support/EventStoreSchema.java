package br.com.healthmed.query.support;

import org.flywaydb.core.Flyway;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Creates the command side's tables (event store, person_key) in a test database from the command side's own
 * migrations, read from the source tree: the query side never runs them itself, and must not depend on that module.
 */
public final class EventStoreSchema {

    private static final Path MIGRATIONS = Path.of("../command-side/src/main/resources/db/migration").toAbsolutePath().normalize();

    private EventStoreSchema() {
    }

    public static void migrate(String jdbcUrl) {
        if (!Files.isDirectory(MIGRATIONS)) {
            throw new IllegalStateException("the command side's migrations are not at " + MIGRATIONS);
        }
        Flyway.configure()
                .dataSource(jdbcUrl, "postgres", "postgres")
                .locations("filesystem:" + MIGRATIONS)
                .load()
                .migrate();
    }
}
