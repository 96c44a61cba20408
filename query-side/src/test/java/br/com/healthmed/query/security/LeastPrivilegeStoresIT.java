package br.com.healthmed.query.security;

import br.com.healthmed.api.common.Role;
import br.com.healthmed.platform.security.DenyListConnection;
import br.com.healthmed.platform.security.RevokedAccessTokens;
import br.com.healthmed.query.support.Api;
import br.com.healthmed.query.support.IntegrationTest;
import br.com.healthmed.query.support.StoreOwner;
import br.com.healthmed.query.support.TestTokens;
import br.com.healthmed.testing.StoreAccounts;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.data.redis.connection.RedisStringCommands;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.types.Expiration;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.SQLException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A compromised query side cannot rewrite what the command side owns (issue 9 item 4, ADR 0025). These are the very
 * JDBC and Redis clients the application uses, signed in with its own accounts: SELECT on exactly the command side's
 * tables it reads, its own schema, its own Redis keys (the agenda and search caches, ADR 0035); every other write, and
 * every read of credentials, is refused by PostgreSQL and Redis themselves. In Redis the query side is two users (ADR
 * 0034): its caches', which cannot reach the access-token deny-list at all, and the deny-list reader's, which may only
 * MGET it; so neither can write or delete a revocation, a refresh token, a throttle or an idempotency key, on the
 * embedded Redis 6.2 as on Redis 7.
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
    DenyListConnection denyList;

    @Autowired
    RevokedAccessTokens revokedAccessTokens;

    @Autowired
    @StoreOwner
    StringRedisTemplate owner;

    @Autowired
    TestRestTemplate http;

    @Value("${spring.datasource.username}")
    String databaseUser;

    @Value("${spring.data.redis.username}")
    String redisUser;

    @Value("${healthmed.security.deny-list.redis-username}")
    String denyListUser;

    /** What the command side keeps in Redis and the query side must not change: one key of each kind. */
    private static final List<String> COMMAND_SIDE_KEYS = List.of("auth:revoked:token:planted",
            "auth:revoked:session:planted", "auth:revoked:account:planted", "auth:refresh:token:planted",
            "auth:refresh:family:planted", "auth:refresh:account:planted", "auth:reset:token:planted",
            "auth:mfa:planted", "ratelimit:login:account-address:planted", "ratelimit:registration:address:planted",
            "idem:planted", "healthmed:appointment:planted", "healthmed:consultation:ticket:planted", "anything");

    @Test
    void the_application_signs_in_with_the_query_sides_own_accounts() {
        assertThat(databaseUser).isEqualTo(StoreAccounts.QUERY_DATABASE_ROLE);
        assertThat(jdbc.sql("SELECT current_user").query(String.class).single()).isEqualTo(StoreAccounts.QUERY_DATABASE_ROLE);
        assertThat(redisUser).isEqualTo(StoreAccounts.QUERY_REDIS_USER);
        assertThat(denyListUser).isEqualTo(StoreAccounts.QUERY_DENY_LIST_REDIS_USER);
        assertThat(denyList.hasOwnUser()).as("the deny-list is read with its own Redis user").isTrue();
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
    void in_redis_the_applications_user_keeps_to_its_agenda_and_search_caches() {
        for (String prefix : List.of("agenda:", "search:")) {
            String key = prefix + "least-privilege:" + UUID.randomUUID();
            redis.opsForValue().set(key, "cached", Duration.ofMinutes(1));
            assertThat(redis.opsForValue().get(key)).isEqualTo("cached");
            assertThat(redis.opsForValue().increment(key + ":version")).isOne();
            assertThat(redis.opsForValue().multiGet(List.of(key, key + ":version"))).containsExactly("cached", "1");
            assertThat(redis.hasKey(key)).isTrue();
            assertThat(redis.delete(List.of(key, key + ":version"))).isEqualTo(2);
        }
        assertRedisDenied(() -> redis.opsForValue().set("searches:planted", "x"), "SET searches:planted");
        assertRedisDenied(() -> redis.opsForValue().multiGet(List.of("search:epoch", "idem:planted")), "MGET idem:planted");

        for (String forbidden : COMMAND_SIDE_KEYS) {
            assertRedisDenied(() -> redis.opsForValue().set(forbidden, "x"), "SET " + forbidden);
            assertRedisDenied(() -> redis.opsForValue().get(forbidden), "GET " + forbidden);
            assertRedisDenied(() -> redis.delete(forbidden), "DEL " + forbidden);
            assertRedisDenied(() -> redis.expire(forbidden, Duration.ofSeconds(1)), "EXPIRE " + forbidden);
        }
        assertRedisDenied(() -> redis.keys("*"), "KEYS");
        assertRedisDenied(() -> redis.execute(connection -> {
            connection.serverCommands().flushDb();
            return null;
        }, true), "FLUSHDB");
        assertRedisDenied(() -> redis.execute(connection -> connection.serverCommands().getConfig("*"), true), "CONFIG");
        assertRedisDenied(() -> redis.convertAndSend("healthmed:consultation:room:planted", "x"), "PUBLISH");
    }

    @Test
    void the_deny_list_reader_reads_revocations_and_can_change_nothing() {
        StringRedisTemplate reader = denyList.redis();
        UUID revoked = UUID.randomUUID();
        String revocation = "auth:revoked:account:" + revoked;
        owner.opsForValue().set(revocation, Long.toString(Clock.systemUTC().millis()), Duration.ofMinutes(15));
        assertThat(reader.opsForValue().multiGet(List.of(revocation, "auth:revoked:token:" + UUID.randomUUID())))
                .as("MGET, the one read the deny-list check makes").containsExactly(owner.opsForValue().get(revocation), null);

        for (String key : List.of(revocation, "auth:revoked:token:" + UUID.randomUUID(), "auth:revoked:session:" + UUID.randomUUID())) {
            assertRedisDenied(() -> reader.opsForValue().set(key, "1"), "SET " + key);
            assertRedisDenied(() -> reader.opsForValue().setIfAbsent(key, "1"), "SETNX " + key);
            assertRedisDenied(() -> reader.execute((RedisCallback<Object>) connection -> connection.stringCommands()
                    .set(bytes(key), bytes("1"), Expiration.seconds(60),
                            RedisStringCommands.SetOption.upsert())), "SET EX " + key);
            assertRedisDenied(() -> reader.delete(key), "DEL " + key);
            assertRedisDenied(() -> reader.unlink(key), "UNLINK " + key);
            assertRedisDenied(() -> reader.expire(key, Duration.ofMillis(1)), "EXPIRE " + key);
            assertRedisDenied(() -> reader.persist(key), "PERSIST " + key);
            assertRedisDenied(() -> reader.opsForValue().getAndDelete(key), "GETDEL " + key);
            assertRedisDenied(() -> reader.opsForValue().increment(key), "INCR " + key);
            assertRedisDenied(() -> reader.rename(key, "auth:revoked:token:moved"), "RENAME " + key);
        }
        for (String forbidden : COMMAND_SIDE_KEYS.stream().filter(key -> !key.startsWith("auth:revoked:")).toList()) {
            assertRedisDenied(() -> reader.opsForValue().multiGet(List.of(forbidden)), "MGET " + forbidden);
            assertRedisDenied(() -> reader.opsForValue().set(forbidden, "x"), "SET " + forbidden);
            assertRedisDenied(() -> reader.delete(forbidden), "DEL " + forbidden);
        }
        assertRedisDenied(() -> reader.opsForValue().set("agenda:least-privilege", "x"), "SET agenda:*");
        assertRedisDenied(() -> reader.opsForValue().set("search:least-privilege", "x"), "SET search:*");
        assertRedisDenied(() -> reader.opsForValue().increment("search:epoch"), "INCR search:epoch");
        assertRedisDenied(() -> reader.keys("*"), "KEYS");
        assertRedisDenied(() -> reader.execute(connection -> {
            connection.serverCommands().flushDb();
            return null;
        }, true), "FLUSHDB");
        assertRedisDenied(() -> reader.convertAndSend("healthmed:consultation:room:planted", "x"), "PUBLISH");
        assertThat(owner.opsForValue().get(revocation)).as("the revocation is still there").isNotNull();
    }

    @Test
    void the_application_honours_the_deny_list_and_cannot_write_it() {
        UUID revoked = UUID.randomUUID();
        String token = TestTokens.token(revoked, Role.PATIENT);
        Api api = new Api(http);
        assertThat(api.get("/api/appointments", token).status()).isEqualTo(200);

        assertRedisDenied(() -> revokedAccessTokens.revokeAccount(UUID.randomUUID(), Duration.ofMinutes(15)), "revokeAccount");
        assertRedisDenied(() -> revokedAccessTokens.revokeSession(UUID.randomUUID(), Duration.ofMinutes(15)), "revokeSession");
        assertRedisDenied(() -> revokedAccessTokens.revokeToken(UUID.randomUUID().toString(),
                Clock.systemUTC().instant().plusSeconds(60)), "revokeToken");

        owner.opsForValue().set("auth:revoked:account:" + revoked, Long.toString(Clock.systemUTC().millis()),
                Duration.ofMinutes(15));
        Api.Answer refused = api.get("/api/appointments", token);
        assertThat(refused.status()).as("read through the deny-list reader").isEqualTo(401);
        assertThat(refused.<String>read("$.code")).isEqualTo("token-revoked");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
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
