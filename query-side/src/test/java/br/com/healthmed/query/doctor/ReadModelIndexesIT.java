package br.com.healthmed.query.doctor;

import br.com.healthmed.query.support.IndexKeys;
import br.com.healthmed.query.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The indexes the reads rely on, as the application creates them at start-up ({@code auto-index-creation}). The
 * emulator has no {@code explain}, so the plans themselves are checked on a real MongoDB by
 * {@link DoctorQueriesOnMongoDbIT}; this test keeps the keys those plans depend on from drifting where Docker is absent.
 */
@IntegrationTest
class ReadModelIndexesIT {

    @Autowired
    MongoTemplate mongo;

    @Autowired
    RetiredIndexes retiredIndexes;

    @Test
    void the_doctor_search_indexes_hold_the_equalities_then_every_sort_key_then_the_price() {
        assertThat(IndexKeys.byName(mongo, DoctorDocument.COLLECTION))
                .containsEntry(DoctorDocument.SEARCH_INDEX,
                        List.of("verified:1", "availability:1", "nameKey:1", "_id:1", "priceCents:1"))
                .containsEntry(DoctorDocument.SEARCH_BY_SPECIALTY_INDEX,
                        List.of("verified:1", "specialty:1", "availability:1", "nameKey:1", "_id:1", "priceCents:1"))
                .doesNotContainKeys(RetiredIndexes.RETIRED.toArray(String[]::new));
    }

    @Test
    void the_agenda_and_next_free_slot_reads_have_their_indexes() {
        assertThat(IndexKeys.byName(mongo, "slots")).containsEntry("agenda", List.of("doctorId:1", "start:1"));
        assertThat(IndexKeys.byName(mongo, DoctorSlot.COLLECTION))
                .containsEntry("next_free", List.of("doctorId:1", "free:1", "start:1"));
    }

    @Test
    void a_search_index_of_an_earlier_version_is_dropped() {
        mongo.indexOps(DoctorDocument.class).createIndex(new Index()
                .on("verified", Sort.Direction.ASC).on("availability", Sort.Direction.ASC).named("search"));
        assertThat(IndexKeys.byName(mongo, DoctorDocument.COLLECTION)).containsKey("search");

        retiredIndexes.dropRetired();

        assertThat(IndexKeys.byName(mongo, DoctorDocument.COLLECTION)).doesNotContainKey("search")
                .containsKeys(DoctorDocument.SEARCH_INDEX, DoctorDocument.SEARCH_BY_SPECIALTY_INDEX);
    }
}
