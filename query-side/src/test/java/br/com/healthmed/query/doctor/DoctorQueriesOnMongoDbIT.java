package br.com.healthmed.query.doctor;

import br.com.healthmed.api.doctor.Specialty;
import br.com.healthmed.query.support.ReadModelFixture;
import com.mongodb.ExplainVerbosity;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.query.Query;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second opinion on the emulator: the same queries against a real MongoDB, where Docker exists; and the query plans,
 * which only a real MongoDB can explain (the emulator has no {@code explain} and does not use secondary indexes).
 */
@Testcontainers(disabledWithoutDocker = true)
class DoctorQueriesOnMongoDbIT extends DoctorQueriesContract {

    @Container
    static final MongoDBContainer MONGO = new MongoDBContainer("mongo:7.0");

    @Override
    ReadModelFixture fixture() {
        return ReadModelFixture.on(MONGO.getConnectionString(), "doctors_" + UUID.randomUUID().toString().replace("-", ""));
    }

    @Test
    void every_search_shape_reads_its_index_in_order_and_fetches_only_the_matches() {
        Instant tomorrow = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
        Specialty[] specialties = {Specialty.CARDIOLOGIA, Specialty.DERMATOLOGIA, Specialty.PEDIATRIA};
        for (int i = 0; i < 60; i++) {
            String name = (i % 4 == 0 ? "Ana Souza " : "Bruno Lima ") + i;
            verifiedDoctor(name, specialties[i % 3], (100 + i * 5) + ".00", tomorrow.plus(Duration.ofHours(i % 7)));
        }

        assertPlan(new Doctors.Search(null, null, null), DoctorDocument.SEARCH_INDEX);
        assertPlan(new Doctors.Search(null, "souza", 30_000L), DoctorDocument.SEARCH_INDEX);
        assertPlan(new Doctors.Search(Specialty.CARDIOLOGIA, null, null), DoctorDocument.SEARCH_BY_SPECIALTY_INDEX);
        assertPlan(new Doctors.Search(Specialty.CARDIOLOGIA, "souza", 30_000L), DoctorDocument.SEARCH_BY_SPECIALTY_INDEX);
    }

    /** A page as Doctors reads it (size 10, plus one): one index scan, no in-memory sort, no document read in vain. */
    private void assertPlan(Doctors.Search search, String index) {
        Query query = Doctors.searchQuery(search);
        Document explained = fixture.mongo().getCollection(DoctorDocument.COLLECTION)
                .find(query.getQueryObject()).sort(query.getSortObject()).limit(11)
                .explain(ExplainVerbosity.EXECUTION_STATS);

        List<Document> stages = new ArrayList<>();
        collectStages(explained.get("queryPlanner", Document.class).get("winningPlan"), stages);
        assertThat(stages).extracting(stage -> stage.getString("stage")).as("plan of %s", search)
                .contains("IXSCAN").doesNotContain("SORT", "COLLSCAN");
        assertThat(stages).filteredOn(stage -> "IXSCAN".equals(stage.getString("stage")))
                .extracting(stage -> stage.getString("indexName")).as("index of %s", search).containsOnly(index);
        Document stats = explained.get("executionStats", Document.class);
        assertThat(((Number) stats.get("totalDocsExamined")).longValue()).as("documents read for %s", search)
                .isEqualTo(((Number) stats.get("nReturned")).longValue());
    }

    private static void collectStages(Object node, List<Document> stages) {
        if (node instanceof Document document) {
            if (document.containsKey("stage")) {
                stages.add(document);
            }
            document.values().forEach(value -> collectStages(value, stages));
        } else if (node instanceof List<?> list) {
            list.forEach(value -> collectStages(value, stages));
        }
    }
}
