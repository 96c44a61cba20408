package br.com.healthmed.query.rebuild;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every view of the query side in a canonical form: each collection's documents in {@code _id} order with their
 * fields sorted, and its indexes by name. Two dumps of the same views are equal whatever order the projections wrote
 * them in, so a rebuild can be compared with what it replaced.
 * <p>
 * {@link #CLOCK_DRIVEN} lists the fields a replay may legitimately compute differently: they follow the wall clock as
 * well as the events (the doctors' next free slot moves past slots that come within the minimum notice, every minute,
 * {@code AvailabilityRefresher}), so views built at different times can differ there without being wrong. Nothing
 * else in the views depends on when they were built: every time in them is an event's.
 */
public record ViewDump(Map<String, Collection> collections) {

    /** collection → fields left out of the comparison, with the reason above. */
    public static final Map<String, Set<String>> CLOCK_DRIVEN = Map.of("doctors", Set.of("nextFreeSlot", "availability"));

    private static final JsonWriterSettings JSON = JsonWriterSettings.builder().outputMode(JsonMode.RELAXED).indent(true).build();

    /** One collection: its indexes (name → key, JSON) and its documents, canonical. */
    public record Collection(Map<String, String> indexes, List<Document> documents) {
    }

    public static ViewDump of(MongoDatabase database) {
        Map<String, Collection> collections = new TreeMap<>();
        for (String name : database.listCollectionNames()) {
            if (name.startsWith("system.")) {
                continue;
            }
            var collection = database.getCollection(name);
            Map<String, String> indexes = new TreeMap<>();
            for (Document index : collection.listIndexes()) {
                indexes.put(index.getString("name"), canonical(index.get("key", Document.class)).toJson());
            }
            List<Document> documents = new ArrayList<>();
            for (Document document : collection.find().sort(Sorts.ascending("_id"))) {
                documents.add(canonical(document));
            }
            collections.put(name, new Collection(indexes, documents));
        }
        return new ViewDump(collections);
    }

    public long documents() {
        return collections.values().stream().mapToLong(collection -> collection.documents().size()).sum();
    }

    /**
     * What differs from {@code other}, one line per difference (empty when the views are the same), leaving out the
     * fields in {@code ignored}.
     */
    public List<String> differencesFrom(ViewDump other, Map<String, Set<String>> ignored) {
        List<String> differences = new ArrayList<>();
        Set<String> names = new TreeSet<>(collections.keySet());
        names.addAll(other.collections.keySet());
        for (String name : names) {
            Collection mine = collections.get(name);
            Collection theirs = other.collections.get(name);
            if (mine == null || theirs == null) {
                differences.add(name + ": collection only in the " + (mine == null ? "rebuilt" : "original") + " views");
                continue;
            }
            if (!mine.indexes().equals(theirs.indexes())) {
                differences.add(name + ": indexes " + mine.indexes() + " became " + theirs.indexes());
            }
            Set<String> skip = ignored.getOrDefault(name, Set.of());
            Map<Object, Document> originals = byId(mine.documents(), skip);
            Map<Object, Document> rebuilt = byId(theirs.documents(), skip);
            Set<Object> ids = new TreeSet<>(Comparator.comparing(String::valueOf));
            ids.addAll(originals.keySet());
            ids.addAll(rebuilt.keySet());
            for (Object id : ids) {
                Document before = originals.get(id);
                Document after = rebuilt.get(id);
                if (before == null) {
                    differences.add(name + " " + id + ": only in the rebuilt views");
                } else if (after == null) {
                    differences.add(name + " " + id + ": missing from the rebuilt views");
                } else if (!before.equals(after)) {
                    differences.add(name + " " + id + ": " + before.toJson() + " became " + after.toJson());
                }
            }
        }
        return differences;
    }

    public void write(Path file) {
        Document root = new Document();
        collections.forEach((name, collection) -> root.append(name, new Document()
                .append("indexes", new Document(new TreeMap<>(collection.indexes())))
                .append("documents", collection.documents())));
        try {
            Files.writeString(file, root.toJson(JSON), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static ViewDump read(Path file) {
        Document root;
        try {
            root = Document.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, Collection> collections = new TreeMap<>();
        for (String name : root.keySet()) {
            Document collection = root.get(name, Document.class);
            Map<String, String> indexes = new TreeMap<>();
            collection.get("indexes", Document.class).forEach((index, key) -> indexes.put(index, Objects.toString(key)));
            List<Document> documents = collection.getList("documents", Document.class).stream().map(ViewDump::canonical).toList();
            collections.put(name, new Collection(indexes, documents));
        }
        return new ViewDump(collections);
    }

    private static Map<Object, Document> byId(List<Document> documents, Set<String> skip) {
        Map<Object, Document> byId = new TreeMap<>(Comparator.comparing(String::valueOf));
        for (Document document : documents) {
            Document compared = new Document(document);
            skip.forEach(compared::remove);
            // Through JSON, so a value read back from a file compares equal to the same value read from MongoDB
            // (dates, longs and decimals keep their BSON types in relaxed extended JSON).
            byId.put(document.get("_id"), Document.parse(compared.toJson()));
        }
        return byId;
    }

    /** Fields sorted at every level, so that equal documents print equal whatever order they were written in. */
    static Document canonical(Document document) {
        Document sorted = new Document();
        new TreeMap<>(document).forEach((field, value) -> sorted.append(field, canonicalValue(value)));
        return sorted;
    }

    private static Object canonicalValue(Object value) {
        if (value instanceof Document document) {
            return canonical(document);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ViewDump::canonicalValue).toList();
        }
        return value;
    }
}
