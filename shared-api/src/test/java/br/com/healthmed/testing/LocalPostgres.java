package br.com.healthmed.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL 16 started from Maven artifacts: for tests (throw-away data) and for ./run.sh (data kept on disk).
 */
public final class LocalPostgres implements AutoCloseable {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final EmbeddedPostgres postgres;

    private LocalPostgres(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Throw-away server on a free port. */
    public static LocalPostgres temporary() {
        try {
            return new LocalPostgres(EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "600")
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    /**
     * Server whose data survives restarts, in {@code dataDirectory}. The embedded server runs with fsync off by
     * default; kept data gets it back, so that a crash of the machine does not corrupt it.
     */
    public static LocalPostgres persistent(Path dataDirectory, int port) {
        try {
            return new LocalPostgres(EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("fsync", "on")
                    .setServerConfig("max_connections", "200")
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** Creates a fresh, empty database (unless it exists) and returns its JDBC URL; user and password are "postgres". */
    public String createDatabase(String name) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'");
            if (!exists.next()) {
                statement.execute("CREATE DATABASE \"" + name + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
        return jdbcUrl(name);
    }

    /** Creates (or updates) the query side's login role on this server: see {@link StoreAccounts}. */
    public void createQueryDatabaseRole(StoreAccounts accounts) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            accounts.createQueryDatabaseRole(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the query side's role", e);
        }
    }

    /** A database no other caller of this method has seen, for test isolation. */
    public String createUniqueDatabase(String prefix) {
        return createDatabase(prefix + "_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet());
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port() + "/" + database;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
