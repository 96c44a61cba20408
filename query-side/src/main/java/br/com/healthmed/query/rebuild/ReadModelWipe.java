package br.com.healthmed.query.rebuild;

import com.mongodb.client.MongoClients;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Destroys everything the query side derives from the events, as a lost MongoDB and a restored PostgreSQL leave it:
 * every MongoDB collection of its database (indexes included: the query side creates them again when it starts), its
 * agenda and search cache keys in Redis (only {@code agenda:*} and {@code search:*}: the command side's keys in a shared
 * Redis are not views), and its
 * token store, replica heartbeats and dead letters in schema {@code query_side}, so that every projection starts from
 * the first event.
 */
final class ReadModelWipe {

    static final List<String> CACHE_KEYS = List.of("agenda:*", "search:*");
    private static final List<String> QUERY_SIDE_TABLES = List.of("token_entry", "replica_heartbeat", "dead_letter_entry");

    /** What was destroyed: documents per collection, Redis keys, rows per query_side table. */
    record Wiped(Map<String, Long> documents, long redisKeys, Map<String, Integer> querySideRows) {

        @Override
        public String toString() {
            return "MongoDB " + documents + ", " + redisKeys + " Redis keys " + String.join(" ", CACHE_KEYS) + ", query_side " + querySideRows;
        }
    }

    private ReadModelWipe() {
    }

    static Wiped wipe(Stores stores) {
        return new Wiped(dropCollections(stores), deleteCacheKeys(stores), clearQuerySideTables(stores));
    }

    private static Map<String, Long> dropCollections(Stores stores) {
        Map<String, Long> dropped = new TreeMap<>();
        try (var client = MongoClients.create(stores.mongoUri())) {
            var database = client.getDatabase(stores.mongoDatabase());
            for (String name : database.listCollectionNames()) {
                if (!name.startsWith("system.")) {
                    dropped.put(name, database.getCollection(name).countDocuments());
                    database.getCollection(name).drop();
                }
            }
        }
        return dropped;
    }

    private static long deleteCacheKeys(Stores stores) {
        RedisClient client = RedisClient.create(stores.redisUri());
        try (var connection = client.connect()) {
            var redis = connection.sync();
            long deleted = 0;
            for (String pattern : CACHE_KEYS) {
                ScanCursor cursor = ScanCursor.INITIAL;
                do {
                    KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches(pattern).limit(1000));
                    if (!page.getKeys().isEmpty()) {
                        deleted += redis.del(page.getKeys().toArray(String[]::new));
                    }
                    cursor = page;
                } while (!cursor.isFinished());
            }
            return deleted;
        } finally {
            client.shutdown();
        }
    }

    private static Map<String, Integer> clearQuerySideTables(Stores stores) {
        Map<String, Integer> cleared = new TreeMap<>();
        try (Connection connection = stores.connect(); Statement statement = connection.createStatement()) {
            for (String table : QUERY_SIDE_TABLES) {
                try (ResultSet exists = statement.executeQuery("SELECT to_regclass('query_side." + table + "') IS NOT NULL")) {
                    exists.next();
                    if (!exists.getBoolean(1)) {
                        continue;
                    }
                }
                cleared.put(table, statement.executeUpdate("DELETE FROM query_side." + table));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot clear the query side's tables in " + stores.jdbcUrl(), e);
        }
        return cleared;
    }
}
