package br.com.healthmed.command.backup;

import br.com.healthmed.testing.SharedInfrastructure;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Databases of their own on the shared embedded PostgreSQL, for the backup tests to fill, copy and read with plain SQL. */
final class ScratchDatabases {

    private ScratchDatabases() {
    }

    static EventStoreBackup.Database database(String prefix) {
        return new EventStoreBackup.Database(SharedInfrastructure.postgres().createUniqueDatabase(prefix), "postgres", "postgres");
    }

    static void execute(EventStoreBackup.Database database, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    static String single(EventStoreBackup.Database database, String sql) throws SQLException {
        return rows(database, sql).getFirst();
    }

    static List<String> rows(EventStoreBackup.Database database, String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(database.url(), database.user(), database.password());
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }
}
