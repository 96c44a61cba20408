package br.com.healthmed.query.rebuild;

import br.com.healthmed.query.QuerySideApplication;
import br.com.healthmed.query.consistency.ProjectionPositions;
import org.bson.Document;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds every view from the event store by replay, as after a restore (ADR 0022): destroys the read models
 * ({@link ReadModelWipe}), starts the query side on them, waits until every projection has handled the last event,
 * dumps the views ({@link ViewDump}) and checks that erased persons stay erased.
 */
public final class RebuildViews {

    private static final Duration POLL = Duration.ofMillis(200);

    /** What a rebuild did and found. {@code problems} is empty when the views are complete and erasure held. */
    public record Result(ReadModelWipe.Wiped wiped, long eventStreamHead, Duration replay, ViewDump views,
                         int erasedPersons, List<String> problems) {
    }

    private RebuildViews() {
    }

    /**
     * @param properties more Spring properties for the query side (its master key, its JWT key), on top of the
     *                   stores' addresses; the environment supplies them when the tool runs from the command line
     */
    public static Result rebuild(Stores stores, Map<String, String> properties, Duration timeout) {
        ReadModelWipe.Wiped wiped = ReadModelWipe.wipe(stores);
        long head = eventStreamHead(stores);
        Map<String, String> arguments = new LinkedHashMap<>(stores.springProperties());
        // A port of its own: the drill may run next to a live query side.
        arguments.put("server.port", "0");
        arguments.putAll(properties);
        long started = System.nanoTime();
        try (ConfigurableApplicationContext querySide = new SpringApplicationBuilder(QuerySideApplication.class)
                .run(arguments.entrySet().stream().map(entry -> "--" + entry.getKey() + "=" + entry.getValue()).toArray(String[]::new))) {
            ProjectionPositions positions = querySide.getBean(ProjectionPositions.class);
            MongoTemplate mongo = querySide.getBean(MongoTemplate.class);
            long deadline = started + timeout.toNanos();
            while (head >= 0 && !positions.caughtUpTo(head)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the projections did not reach global index " + head + " within " + timeout);
                }
                pause();
            }
            // The positions move when a batch is handled; the views are read once two reads in a row agree.
            ViewDump views = ViewDump.of(mongo.getDb());
            for (ViewDump again = null; !views.equals(again); ) {
                pause();
                again = views;
                views = ViewDump.of(mongo.getDb());
            }
            Duration replay = Duration.ofNanos(System.nanoTime() - started);
            List<String> problems = new ArrayList<>();
            int parked = parkedEvents(stores);
            if (parked > 0) {
                problems.add(parked + " events parked in query_side.dead_letter_entry during the replay: their views are incomplete");
            }
            int erased = checkErasure(stores, mongo, problems);
            return new Result(wiped, head, replay, views, erased, problems);
        }
    }

    private static long eventStreamHead(Stores stores) {
        return single(stores, "SELECT coalesce(max(global_index), -1) FROM domain_event_entry");
    }

    private static int parkedEvents(Stores stores) {
        return (int) single(stores, "SELECT count(*) FROM query_side.dead_letter_entry");
    }

    /**
     * Crypto-shredding must survive a restore: every person whose key is a tombstone in the restored person_key is
     * shown as erased, with no name, in the rebuilt patients view.
     */
    private static int checkErasure(Stores stores, MongoTemplate mongo, List<String> problems) {
        List<String> erased = new ArrayList<>();
        try (Connection connection = stores.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT subject_id FROM person_key WHERE wrapped_key IS NULL ORDER BY subject_id")) {
            while (rows.next()) {
                erased.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read person_key in " + stores.jdbcUrl(), e);
        }
        for (String subject : erased) {
            Document patient = mongo.getCollection("patients").find(new Document("_id", subject)).first();
            if (patient != null && (!Boolean.TRUE.equals(patient.getBoolean("erased")) || patient.containsKey("name"))) {
                problems.add("patient " + subject + " has a shredded key but the rebuilt view does not show them erased: " + patient.toJson());
            }
        }
        return erased.size();
    }

    private static long single(Stores stores, String sql) {
        try (Connection connection = stores.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + stores.jdbcUrl(), e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the replay", e);
        }
    }
}
