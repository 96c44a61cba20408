package br.com.healthmed.query.projection;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A projection's MongoDB writes, sent as one ordered bulk write per batch of events instead of one round trip per
 * event (a weekly pattern publishes hundreds of slots at once, and a replay handles every event ever stored).
 * <p>
 * A pooled streaming processor handles a batch of events in one unit of work whose transaction also stores the
 * processor's token. Writes are collected while the batch is handled and sent, in the order they were made, when the
 * unit of work prepares to commit: before the token is committed, so a failed write rolls the batch back and the whole
 * batch is handled again. Every write is an upsert, update or delete by id with values from the events, so handling a
 * batch twice gives the same documents. Actions that must follow the writes (telling the agenda cache, deriving a value
 * from what was written) run after the bulk write, once per key per batch, and write directly if they write. Outside a
 * unit of work (a test handing events over one by one) each write and action runs at once.
 */
public final class BatchedWrites {

    private final MongoTemplate mongo;
    private final String resourceKey;

    /** @param projection names this projection's pending writes in the unit of work, apart from other projections' */
    public BatchedWrites(MongoTemplate mongo, String projection) {
        this.mongo = mongo;
        this.resourceKey = BatchedWrites.class.getName() + ":" + projection;
    }

    public void upsert(Class<?> document, Query query, Update update) {
        add(new Write(document, Kind.UPSERT, query, update));
    }

    /** Updates the first matching document, if any (an event about a document a reset removed changes nothing). */
    public void updateFirst(Class<?> document, Query query, Update update) {
        add(new Write(document, Kind.UPDATE_FIRST, query, update));
    }

    public void remove(Class<?> document, Query query) {
        add(new Write(document, Kind.REMOVE, query, null));
    }

    /**
     * Runs {@code action} once the batch's writes are in MongoDB; a later action under the same key replaces an earlier
     * one of the same batch (the last event decides).
     */
    public void afterWrites(String key, Runnable action) {
        if (!CurrentUnitOfWork.isStarted()) {
            action.run();
            return;
        }
        pending().afterWrites.put(key, action);
    }

    private void add(Write write) {
        if (!CurrentUnitOfWork.isStarted()) {
            write.applyTo(mongo);
            return;
        }
        pending().writes.add(write);
    }

    private Pending pending() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(resourceKey, key -> {
            Pending pending = new Pending();
            unitOfWork.onPrepareCommit(committing -> pending.flush(mongo));
            return pending;
        });
    }

    private enum Kind {
        UPSERT,
        UPDATE_FIRST,
        REMOVE
    }

    private record Write(Class<?> document, Kind kind, Query query, Update update) {

        void applyTo(MongoTemplate mongo) {
            switch (kind) {
                case UPSERT -> mongo.upsert(query, update, document);
                case UPDATE_FIRST -> mongo.updateFirst(query, update, document);
                case REMOVE -> mongo.remove(query, document);
            }
        }

        void addTo(BulkOperations bulk) {
            switch (kind) {
                case UPSERT -> bulk.upsert(query, update);
                case UPDATE_FIRST -> bulk.updateOne(query, update);
                case REMOVE -> bulk.remove(query);
            }
        }
    }

    private static final class Pending {

        private final List<Write> writes = new ArrayList<>();
        private final Map<String, Runnable> afterWrites = new LinkedHashMap<>();

        /** One ordered bulk write per run of writes to the same collection, so the batch's order is kept. */
        void flush(MongoTemplate mongo) {
            int next = 0;
            while (next < writes.size()) {
                Class<?> document = writes.get(next).document();
                BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.ORDERED, document);
                while (next < writes.size() && writes.get(next).document() == document) {
                    writes.get(next).addTo(bulk);
                    next++;
                }
                bulk.execute();
            }
            writes.clear();
            afterWrites.values().forEach(Runnable::run);
            afterWrites.clear();
        }
    }
}
