package br.com.healthmed.query.doctor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DataAccessException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexInfo;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * Drops the search indexes that the {@code doctor_search} ones replaced (they could not sort by the {@code _id}
 * tie-breaker), so that writes stop maintaining them. Another replica may drop one first; that is fine.
 */
@Component
class RetiredIndexes implements ApplicationRunner {

    static final Set<String> RETIRED = Set.of("search", "search_by_specialty");

    private static final Logger log = LoggerFactory.getLogger(RetiredIndexes.class);

    private final MongoTemplate mongo;

    RetiredIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public void run(ApplicationArguments args) {
        dropRetired();
    }

    void dropRetired() {
        IndexOperations indexes = mongo.indexOps(DoctorDocument.class);
        for (IndexInfo index : indexes.getIndexInfo()) {
            if (RETIRED.contains(index.getName())) {
                try {
                    indexes.dropIndex(index.getName());
                    log.info("Dropped retired index {} of {}", index.getName(), DoctorDocument.COLLECTION);
                } catch (DataAccessException e) {
                    log.info("Retired index {} already gone: {}", index.getName(), e.getMessage());
                }
            }
        }
    }
}
