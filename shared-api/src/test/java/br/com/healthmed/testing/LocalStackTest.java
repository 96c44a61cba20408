package br.com.healthmed.testing;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalStackTest {

    @Test
    void postgres_redis_and_mongo_data_survive_a_restart_of_the_stack(@TempDir Path home) throws Exception {
        StoreAccounts accounts = StoreAccounts.generated();
        var options = new LocalStack.Options(home, LocalRedis.freePort(), LocalRedis.freePort(), LocalRedis.freePort(),
                LocalRedis.freePort(), LocalRedis.freePort(), accounts);
        String signIn = "AUTH " + StoreAccounts.COMMAND_REDIS_USER + " " + accounts.commandRedisPassword();
        String mongoUri = "mongodb://127.0.0.1:" + options.mongoPort();
        String jdbcUrl = "jdbc:postgresql://localhost:" + options.postgresPort() + "/" + LocalStack.DATABASE;

        LocalStack first = new LocalStack(quietOutput());
        try {
            first.startServices(options);
            sql(jdbcUrl, "CREATE TABLE kept (value TEXT); INSERT INTO kept VALUES ('still here')");
            assertThat(redis(options.redisPort(), "SET kept still-here")).as("the default user is off").startsWith("-NOAUTH");
            assertThat(redis(options.redisPort(), signIn, "SET kept still-here")).isEqualTo("+OK\r\n+OK");
            try (MongoClient mongo = MongoClients.create(mongoUri)) {
                mongo.getDatabase(LocalStack.DATABASE).getCollection("kept").insertOne(new Document("value", "still here"));
            }
        } finally {
            first.stop();
        }
        assertThat(LocalStack.acceptsSql(jdbcUrl)).isFalse();
        assertThat(LocalStack.answersPing(options.redisPort(), StoreAccounts.COMMAND_REDIS_USER,
                accounts.commandRedisPassword())).isFalse();

        LocalStack second = new LocalStack(quietOutput());
        try {
            second.startServices(options);
            assertThat(sql(jdbcUrl, "SELECT value FROM kept")).isEqualTo("still here");
            assertThat(redis(options.redisPort(), signIn, "GET kept")).isEqualTo("+OK\r\n$10\r\nstill-here");
            assertThat(sql(jdbcUrl, "SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'query_side'"))
                    .as("the query side's schema belongs to its own role").isEqualTo(StoreAccounts.QUERY_DATABASE_ROLE);
            try (MongoClient mongo = MongoClients.create(mongoUri)) {
                Document kept = mongo.getDatabase(LocalStack.DATABASE).getCollection("kept").find().first();
                assertThat(kept).isNotNull();
                assertThat(kept.getString("value")).isEqualTo("still here");
            }
        } finally {
            second.stop();
        }
    }

    @Test
    void a_stopped_stack_starts_nothing_more() {
        LocalStack stack = new LocalStack(quietOutput());
        stack.stop();

        assertThatThrownBy(() -> stack.start("anything", "nowhere", () -> () -> { }, service -> true))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void options_default_to_the_documented_ports_and_reject_unknown_ones(@TempDir Path home) {
        var options = LocalStack.Options.parse(new String[0], Map.of("HEALTHMED_HOME", home.toString()));

        assertThat(options.home()).isEqualTo(home.toAbsolutePath());
        assertThat(options.postgresPort()).isEqualTo(15432);
        assertThat(options.redisPort()).isEqualTo(16379);
        assertThat(options.mongoPort()).isEqualTo(17017);
        assertThatThrownBy(() -> LocalStack.Options.parse(new String[] {"--kafka-port", "1"}, Map.of()))
                .hasMessageContaining("unknown option --kafka-port");
        assertThatThrownBy(() -> LocalStack.Options.parse(new String[] {"--redis-port", "x"}, Map.of()))
                .hasMessageContaining("not a TCP port");
    }

    private static String sql(String jdbcUrl, String statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             Statement statement = connection.createStatement()) {
            if (statement.execute(statements)) {
                try (ResultSet rows = statement.getResultSet()) {
                    return rows.next() ? rows.getString(1) : null;
                }
            }
            return null;
        }
    }

    /** Inline Redis commands on one connection; their replies without the final CRLF. */
    private static String redis(int port, String... commands) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write((String.join("\r\n", commands) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] buffer = new byte[256];
            StringBuilder reply = new StringBuilder();
            while (!complete(reply.toString(), commands.length)) {
                int read = socket.getInputStream().read(buffer);
                if (read < 0) {
                    break;
                }
                reply.append(new String(buffer, 0, read, StandardCharsets.US_ASCII));
            }
            return reply.substring(0, reply.length() - 2);
        }
    }

    /** A simple reply is one line; a bulk string ({@code $length}) is followed by a second line with the value. */
    private static boolean complete(String reply, int replies) {
        if (!reply.endsWith("\r\n")) {
            return false;
        }
        String[] lines = reply.split("\r\n");
        int expected = replies;
        for (String line : lines) {
            if (line.startsWith("$") && !line.equals("$-1")) {
                expected++;
            }
        }
        return lines.length >= expected;
    }

    private static PrintStream quietOutput() {
        return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    }
}
