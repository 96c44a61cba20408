package br.com.healthmed.query.rebuild;

import com.mongodb.client.MongoClients;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The drill's query-side steps, run from the query side's jar (deploy/backup/drill.sh shows how), with the stores
 * from the query side's own environment variables (DATABASE_URL, MONGODB_URI, REDIS_HOST, …):
 * <pre>
 * dump    FILE           writes the canonical dump of every view in MONGODB_URI's database
 * rebuild BEFORE AFTER   destroys the views, rebuilds them by replay, writes AFTER and compares it with BEFORE
 * compare BEFORE AFTER   compares two dumps
 * </pre>
 * Exit status 0 when the views match (and erased persons stay erased), 1 when they do not, 2 on a usage error.
 */
public final class ViewsTool {

    private ViewsTool() {
    }

    public static void main(String[] args) {
        Map<String, String> environment = System.getenv();
        Stores stores = Stores.fromEnvironment(environment);
        if (args.length == 2 && args[0].equals("dump")) {
            ViewDump views;
            try (var client = MongoClients.create(stores.mongoUri())) {
                views = ViewDump.of(client.getDatabase(stores.mongoDatabase()));
            }
            views.write(Path.of(args[1]));
            say("%d documents in %d collections %s written to %s", views.documents(),
                    views.collections().size(), views.collections().keySet(), args[1]);
        } else if (args.length == 3 && args[0].equals("rebuild")) {
            ViewDump before = ViewDump.read(Path.of(args[1]));
            Duration timeout = Duration.parse(environment.getOrDefault("HEALTHMED_REBUILD_TIMEOUT", "PT30M"));
            say("rebuilding every view from the event store on %s", stores);
            RebuildViews.Result result = RebuildViews.rebuild(stores, Map.of(), timeout);
            result.views().write(Path.of(args[2]));
            say("destroyed: %s", result.wiped());
            say("replayed up to global index %d in %d s: %d documents in %s", result.eventStreamHead(),
                    result.replay().toSeconds(), result.views().documents(), result.views().collections().keySet());
            say("%d persons erased before the backup: still erased%s", result.erasedPersons(),
                    result.problems().isEmpty() ? "" : " (see the problems below)");
            result.problems().forEach(problem -> say("PROBLEM: %s", problem));
            System.exit(report(before.differencesFrom(result.views(), ViewDump.CLOCK_DRIVEN)) && result.problems().isEmpty() ? 0 : 1);
        } else if (args.length == 3 && args[0].equals("compare")) {
            System.exit(report(ViewDump.read(Path.of(args[1])).differencesFrom(ViewDump.read(Path.of(args[2])), ViewDump.CLOCK_DRIVEN)) ? 0 : 1);
        } else {
            System.err.println("usage: ViewsTool dump FILE | rebuild BEFORE AFTER | compare BEFORE AFTER");
            System.exit(2);
        }
    }

    /** Lines of the drill's report start with "drill:", so the script can pick them out of the query side's log. */
    private static void say(String format, Object... arguments) {
        System.out.println("drill: " + String.format(format, arguments));
    }

    private static boolean report(List<String> differences) {
        if (differences.isEmpty()) {
            say("views identical to the originals (not compared, as they follow the clock: %s)", ViewDump.CLOCK_DRIVEN);
            return true;
        }
        say("%d differences from the original views:", differences.size());
        differences.forEach(difference -> say("  %s", difference));
        return false;
    }
}
