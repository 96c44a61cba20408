package br.com.healthmed.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * An event store recorded from an earlier version (command-side {@code fixtures/event-store-*.json}, written by
 * {@code EventStoreCapture}): every row of the command side's tables, plus the story that produced them and the test
 * keys it used. Both applications' tests load it into a fresh database, already migrated to at least the recorded
 * schema version, to prove that today's code reads what that version wrote.
 */
public final class RecordedEventStore {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode fixture;

    private RecordedEventStore(JsonNode fixture) {
        this.fixture = fixture;
    }

    public static RecordedEventStore read(Path file) {
        try {
            return new RecordedEventStore(JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the recorded event store " + file.toAbsolutePath(), e);
        }
    }

    public String capturedFrom() {
        return fixture.path("capturedFrom").asText();
    }

    public Instant capturedAt() {
        return Instant.parse(fixture.path("capturedAt").asText());
    }

    /** The Flyway version of the command side's schema the rows were written in. */
    public String schemaVersion() {
        return fixture.path("schemaVersion").asText();
    }

    public String masterKey() {
        return fixture.path("masterKey").asText();
    }

    public String lookupKey() {
        return fixture.path("lookupKey").asText();
    }

    /** Who and what the recorded history is about: people, slots, appointments, with their ids. */
    public JsonNode story() {
        return fixture.path("story");
    }

    /** The rows of one table, each column as recorded (bytea as {"utf8": …} or {"base64": …}). */
    public List<JsonNode> rows(String table) {
        List<JsonNode> rows = new ArrayList<>();
        fixture.path("tables").path(table).path("rows").forEach(rows::add);
        return rows;
    }

    /** The text of a recorded bytea column, such as an event's payload or metadata. */
    public static String text(JsonNode column) {
        return column.has("utf8") ? column.path("utf8").asText()
                : new String(Base64.getDecoder().decode(column.path("base64").asText()), StandardCharsets.UTF_8);
    }

    /** Inserts every recorded row, table by table in recorded order, and moves the event sequence past them. */
    public void loadInto(String jdbcUrl) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
            connection.setAutoCommit(false);
            var tables = fixture.path("tables").properties();
            for (var table : tables) {
                insert(connection, table.getKey(), table.getValue());
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT setval(pg_get_serial_sequence('domain_event_entry', 'global_index'), "
                        + "(SELECT max(global_index) FROM domain_event_entry))");
            }
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot load the recorded event store", e);
        }
    }

    private static void insert(Connection connection, String table, JsonNode recorded) throws SQLException {
        List<String> names = new ArrayList<>();
        List<String> types = new ArrayList<>();
        recorded.path("columns").forEach(column -> {
            names.add(column.path("name").asText());
            types.add(column.path("type").asText());
        });
        List<String> placeholders = types.stream().map(type -> switch (type) {
            case "bytea" -> "?";
            case "bigserial" -> "CAST(? AS bigint)";
            case "serial" -> "CAST(? AS integer)";
            default -> "CAST(? AS " + type + ")";
        }).toList();
        String sql = "INSERT INTO " + table + " (" + String.join(", ", names) + ") VALUES ("
                + String.join(", ", placeholders) + ")";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (JsonNode row : recorded.path("rows")) {
                for (int i = 0; i < names.size(); i++) {
                    JsonNode value = row.path(names.get(i));
                    if (value.isNull() || value.isMissingNode()) {
                        statement.setNull(i + 1, "bytea".equals(types.get(i)) ? java.sql.Types.BINARY : java.sql.Types.VARCHAR);
                    } else if ("bytea".equals(types.get(i))) {
                        statement.setBytes(i + 1, value.has("utf8")
                                ? value.path("utf8").asText().getBytes(StandardCharsets.UTF_8)
                                : Base64.getDecoder().decode(value.path("base64").asText()));
                    } else {
                        statement.setString(i + 1, value.asText());
                    }
                }
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }
}
