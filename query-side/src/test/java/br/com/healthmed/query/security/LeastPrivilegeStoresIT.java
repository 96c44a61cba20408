package br.com.healthmed.query.security;

import br.com.healthmed.query.support.Api;
import br.com.healthmed.query.support.IntegrationTest;
import br.com.healthmed.testing.StoreAccounts;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A compromised query side cannot rewrite what the command side owns (issue 9 item 4, ADR 0025). These are the very
 * JDBC and Redis clients the application uses, signed in with its own accounts: SELECT on exactly the command side's
 * tables it reads, its own schema, its own Redis keys; every other write, and every read of credentials, is refused by
 * PostgreSQL and Redis themselves.
 */
@IntegrationTest
class LeastPrivilegeStoresIT {

    /** PostgreSQL's insufficient_privilege. */
    private static final String PERMISSION_DENIED = "42501";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    TestRestTemplate http;

    @Value("${spring.datasource.username}")
    String databaseUser;

    @Value("${spring.data.redis.username}")
    String redisUser;

    @Test
    void the_application_signs_in_with_the_query_sides_own_accounts() {
        assertThat(databaseUser).isEqualTo(StoreAccounts.QUERY_DATABASE_ROLE);
        assertThat(jdbc.sql("SELECT current_user").query(String.class).single()).isEqualTo(StoreAccounts.QUERY_DATABASE_ROLE);
        assertThat(redisUser).isEqualTo(StoreAccounts.QUERY_REDIS_USER);
        assertThat(new Api(http).get("/api/specialties").status()).as("and serves with them").isEqualTo(200);
    }

    @Test
    void it_reads_the_event_store_and_person_keys_and_nothing_else_of_the_command_side() {
        assertThat(jdbc.sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single()).isNotNegative();
        assertThat(jdbc.sql("SELECT count(*) FROM snapshot_event_entry").query(Long.class).single()).isNotNegative();
        assertThat(jdbc.sql("SELECT count(*) FROM person_key").query(Long.class).single()).isNotNegative();

        for (String table : new String[] {"account", "login_identifier", "token_entry", "booking_terms", "slot_directory",
                "notification_contact", "saga_entry", "scheduled_tasks"}) {
            assertDenied(() -> jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single(), "SELECT " + table);
        }
    }

    @Test
    void it_cannot_write_any_table_of_the_command_side() {
        assertDenied(() -> jdbc.sql("INSERT INTO person_key (subject_id, wrapped_key) VALUES (?, ?)")
                .params(UUID.randomUUID(), new byte[] {1}).update(), "INSERT person_key");
        assertDenied(() -> jdbc.sql("DELETE FROM person_key").update(), "DELETE person_key");
        assertDenied(() -> jdbc.sql("UPDATE person_key SET wrapped_key = NULL").update(), "UPDATE person_key");
        assertDenied(() -> jdbc.sql("UPDATE account SET password_hash = 'x'").update(), "UPDATE account");
        assertDenied(() -> jdbc.sql("DELETE FROM domain_event_entry").update(), "DELETE domain_event_entry");
        assertDenied(() -> jdbc.sql("UPDATE domain_event_entry SET meta_data = NULL").update(), "UPDATE domain_event_entry");
        assertDenied(() -> jdbc.sql("TRUNCATE snapshot_event_entry").update(), "TRUNCATE snapshot_event_entry");
        assertDenied(() -> jdbc.sql("CREATE TABLE public.planted (id INT)").update(), "CREATE TABLE in public");
    }

    @Test
    void it_writes_its_own_schema() {
        String node = "least-privilege-" + UUID.randomUUID();
        jdbc.sql("INSERT INTO query_side.replica_heartbeat (node, seen_at) VALUES (?, now())").param(node).update();
        assertThat(jdbc.sql("DELETE FROM query_side.replica_heartbeat WHERE node = ?").param(node).update()).isOne();
    }

    @Test
    void in_redis_it_keeps_to_its_agenda_cache_and_the_deny_list() {
        String key = "agenda:least-privilege:" + UUID.randomUUID();
        redis.opsForValue().set(key, "cached", Duration.ofMinutes(1));
        assertThat(redis.opsForValue().get(key)).isEqualTo("cached");
        assertThat(redis.opsForValue().get("auth:revoked:token:" + UUID.randomUUID())).isNull();

        for (String forbidden : new String[] {"auth:refresh:token:planted", "auth:refresh:family:planted",
                "auth:reset:token:planted", "ratelimit:login:planted", "healthmed:appointment:planted", "anything"}) {
            assertRedisDenied(() -> redis.opsForValue().set(forbidden, "x"), "SET " + forbidden);
            assertRedisDenied(() -> redis.opsForValue().get(forbidden), "GET " + forbidden);
            assertRedisDenied(() -> redis.delete(forbidden), "DEL " + forbidden);
        }
        assertRedisDenied(() -> redis.keys("*"), "KEYS");
        assertRedisDenied(() -> redis.execute(connection -> {
            connection.serverCommands().flushDb();
            return null;
        }, true), "FLUSHDB");
        assertRedisDenied(() -> redis.execute(connection -> connection.serverCommands().getConfig("*"), true), "CONFIG");
    }

    private static void assertDenied(ThrowingCallable statement, String what) {
        assertThatThrownBy(statement).as(what)
                .satisfies(failure -> {
                    Throwable cause = failure;
                    while (cause != null && !(cause instanceof SQLException)) {
                        cause = cause.getCause();
                    }
                    assertThat(cause).as(what + ": a refusal by PostgreSQL").isInstanceOf(SQLException.class);
                    assertThat(((SQLException) cause).getSQLState()).as(what + ": " + cause.getMessage())
                            .isEqualTo(PERMISSION_DENIED);
                });
    }

    private static void assertRedisDenied(ThrowingCallable command, String what) {
        assertThatThrownBy(command).as(what)
                .satisfies(failure -> {
                    StringBuilder messages = new StringBuilder();
                    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                        messages.append(cause.getMessage()).append(" | ");
                    }
                    assertThat(messages.toString()).as(what).contains("NOPERM");
                });
    }
}
