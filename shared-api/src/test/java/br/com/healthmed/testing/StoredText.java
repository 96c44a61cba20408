package br.com.healthmed.testing;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a database schema holds, as text a person reading the disk would see: the privacy tests of both
 * applications search it for personal data in clear.
 */
public final class StoredText {

    private StoredText() {
    }

    /** Every row and column of every table of {@code schema}, BYTEA decoded as UTF-8 (as a reader would try). */
    public static Map<String, String> tablesOf(DataSource dataSource, String schema) {
        try (Connection connection = dataSource.getConnection()) {
            Map<String, String> tables = new TreeMap<>();
            for (String table : tableNames(connection, schema)) {
                tables.put(table, rowsOf(connection, schema, table));
            }
            return tables;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read schema " + schema, e);
        }
    }

    private static List<String> tableNames(Connection connection, String schema) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = ? AND table_type = 'BASE TABLE'")) {
            statement.setString(1, schema);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }

    private static String rowsOf(Connection connection, String schema, String table) throws SQLException {
        StringBuilder contents = new StringBuilder();
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT * FROM \"" + schema + "\".\"" + table + "\"")) {
            int columns = rows.getMetaData().getColumnCount();
            while (rows.next()) {
                for (int column = 1; column <= columns; column++) {
                    Object value = rows.getObject(column);
                    contents.append(value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value).append('\t');
                }
                contents.append('\n');
            }
        }
        return contents.toString();
    }
}
