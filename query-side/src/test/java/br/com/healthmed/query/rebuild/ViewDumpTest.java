package br.com.healthmed.query.rebuild;

import br.com.healthmed.testing.LocalMongo;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The drill's comparison: equal views compare equal whatever order they were written in, and every change shows. */
class ViewDumpTest {

    private final LocalMongo server = LocalMongo.temporary();
    private final MongoClient client = MongoClients.create(server.uri("views"));
    private final MongoDatabase original = client.getDatabase("original");
    private final MongoDatabase rebuilt = client.getDatabase("rebuilt");

    @TempDir
    Path folder;

    @AfterEach
    void close() {
        client.close();
        server.close();
    }

    @Test
    void the_same_views_written_in_another_order_compare_equal_also_after_a_round_trip_through_a_file() {
        fill(original, List.of(doctor("d1", "Ana", 35000L), doctor("d2", "Bruno", 20000L)));
        fill(rebuilt, List.of(reordered(doctor("d2", "Bruno", 20000L)), reordered(doctor("d1", "Ana", 35000L))));

        ViewDump before = ViewDump.of(original);
        before.write(folder.resolve("before.json"));

        assertThat(ViewDump.read(folder.resolve("before.json")).differencesFrom(ViewDump.of(rebuilt), Map.of())).isEmpty();
        assertThat(before.documents()).isEqualTo(2);
    }

    @Test
    void a_changed_field_a_missing_or_extra_document_and_a_missing_index_are_each_reported() {
        fill(original, List.of(doctor("d1", "Ana", 35000L), doctor("d2", "Bruno", 20000L)));
        original.getCollection("doctors").createIndex(Indexes.ascending("name"));
        rebuilt.getCollection("doctors").insertMany(List.of(doctor("d1", "Ana", 36000L), doctor("d3", "Carla", 10000L)));

        List<String> differences = ViewDump.of(original).differencesFrom(ViewDump.of(rebuilt), Map.of());

        assertThat(differences).hasSize(4);
        assertThat(differences.get(0)).startsWith("doctors: indexes");
        assertThat(differences.get(1)).startsWith("doctors d1: ").contains("35000").contains("36000");
        assertThat(differences.get(2)).isEqualTo("doctors d2: missing from the rebuilt views");
        assertThat(differences.get(3)).isEqualTo("doctors d3: only in the rebuilt views");
    }

    @Test
    void fields_that_follow_the_clock_are_left_out_only_when_asked_and_only_in_their_collection() {
        fill(original, List.of(doctor("d1", "Ana", 35000L).append("nextFreeSlot", Date.from(Instant.parse("2026-12-02T12:00:00Z")))));
        fill(rebuilt, List.of(doctor("d1", "Ana", 35000L).append("nextFreeSlot", Date.from(Instant.parse("2026-12-02T12:30:00Z")))));
        original.getCollection("slots").insertOne(new Document("_id", "s1").append("nextFreeSlot", 1));
        rebuilt.getCollection("slots").insertOne(new Document("_id", "s1").append("nextFreeSlot", 2));

        ViewDump before = ViewDump.of(original);
        ViewDump after = ViewDump.of(rebuilt);

        assertThat(before.differencesFrom(after, Map.of())).hasSize(2);
        assertThat(before.differencesFrom(after, ViewDump.CLOCK_DRIVEN)).singleElement().asString().startsWith("slots s1: ");
        assertThat(before.differencesFrom(after, Map.of("doctors", Set.of("nextFreeSlot"), "slots", Set.of("nextFreeSlot")))).isEmpty();
    }

    @Test
    void a_collection_lost_in_the_rebuild_is_reported() {
        fill(original, List.of(doctor("d1", "Ana", 35000L)));
        original.getCollection("patients").insertOne(new Document("_id", "p1").append("erased", true));
        fill(rebuilt, List.of(doctor("d1", "Ana", 35000L)));

        assertThat(ViewDump.of(original).differencesFrom(ViewDump.of(rebuilt), Map.of()))
                .containsExactly("patients: collection only in the original views");
    }

    private static void fill(MongoDatabase database, List<Document> doctors) {
        database.getCollection("doctors").insertMany(doctors);
    }

    private static Document doctor(String id, String name, long priceCents) {
        return new Document("_id", id).append("name", name).append("priceCents", priceCents)
                .append("address", new Document("uf", "SP").append("city", "São Paulo"));
    }

    /** The same content with its fields, nested ones included, in the opposite order. */
    private static Document reordered(Document document) {
        Document reversed = new Document();
        List<String> fields = List.copyOf(document.keySet()).reversed();
        for (String field : fields) {
            Object value = document.get(field);
            reversed.append(field, value instanceof Document nested ? reordered(nested) : value);
        }
        return reversed;
    }
}
