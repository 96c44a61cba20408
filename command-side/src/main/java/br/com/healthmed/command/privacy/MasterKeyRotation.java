package br.com.healthmed.command.privacy;

import br.com.healthmed.api.privacy.MasterKeys;
import br.com.healthmed.api.privacy.PersonalDataCrypto;
import br.com.healthmed.api.privacy.UnreadableDataException;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.crypto.SecretKey;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Re-wraps every live person key still under a retired master key with the current one (ADR 0026, docs/security.md).
 * Each batch is one short transaction that locks its rows with {@code FOR UPDATE SKIP LOCKED}: a seal or an erasure of
 * the same person waits for it or is skipped by it, and several replicas may run at once without doing a row twice.
 * The update keeps {@code wrapped_key IS NOT NULL} in its condition, so a tombstone is never given a key back. Only
 * the wrapped data keys change; nothing sealed with them, in events, snapshots or views, is touched.
 * <p>
 * A run walks the table in subject order, pass after pass, until a pass re-wraps nothing: a row skipped because it was
 * locked is taken by the next pass, and a row that does not open with the key it names (damaged) is counted and left.
 */
@Component
public class MasterKeyRotation {

    private static final Logger log = LoggerFactory.getLogger(MasterKeyRotation.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final MasterKeys keys;
    private final int batchSize;
    private final Clock clock;
    private Thread worker;
    private volatile Run lastRun;
    private volatile boolean stopping;

    MasterKeyRotation(JdbcClient jdbc, PlatformTransactionManager transactionManager, PrivacyProperties properties,
                      Clock clock) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.keys = properties.keys();
        this.batchSize = properties.rotationBatchSize();
        this.clock = clock;
    }

    /** One run on one replica: when it started and ended, how many keys it moved, and what it could not move. */
    public record Run(Instant startedAt, Instant finishedAt, long rewrapped, long unreadable, String failure) {
    }

    /**
     * Where the table stands: live person keys per master key id, tombstones, ids no replica can open here, whether
     * every live key is under the current master key, and this replica's latest run.
     */
    public record Progress(String currentKeyId, Map<String, Long> liveKeysByMasterKey, long tombstones,
                           List<String> unknownKeyIds, boolean complete, boolean running, Run lastRun) {
    }

    /** Starts a run in the background unless one is running on this replica; false when one already is. */
    public synchronized boolean start() {
        if (worker != null && worker.isAlive()) {
            return false;
        }
        Instant startedAt = clock.instant();
        lastRun = new Run(startedAt, null, 0, 0, null);
        worker = Thread.ofPlatform().daemon(true).name("master-key-rotation").start(() -> runFrom(startedAt));
        return true;
    }

    public synchronized boolean running() {
        return worker != null && worker.isAlive();
    }

    public Progress progress() {
        Map<String, Long> live = new LinkedHashMap<>();
        jdbc.sql("SELECT key_id, count(*) FROM person_key WHERE wrapped_key IS NOT NULL GROUP BY key_id ORDER BY key_id")
                .query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .list()
                .forEach(count -> live.put(count.getKey(), count.getValue()));
        long tombstones = jdbc.sql("SELECT count(*) FROM person_key WHERE wrapped_key IS NULL").query(Long.class).single();
        List<String> unknown = live.keySet().stream().filter(id -> keys.byId(id).isEmpty()).toList();
        boolean complete = live.keySet().stream().allMatch(keys.currentId()::equals);
        return new Progress(keys.currentId(), live, tombstones, unknown, complete, running(), lastRun);
    }

    /** Runs to the end on the calling thread (the background run, and tests); returns what it did. */
    public Run runToEnd() {
        Instant startedAt = clock.instant();
        lastRun = new Run(startedAt, null, 0, 0, null);
        return runFrom(startedAt);
    }

    private Run runFrom(Instant startedAt) {
        long rewrapped = 0;
        long unreadable = 0;
        try {
            long movedInPass;
            do {
                movedInPass = 0;
                unreadable = 0;
                UUID after = null;
                Batch batch;
                do {
                    batch = rewrapBatch(after);
                    movedInPass += batch.rewrapped();
                    unreadable += batch.unreadable();
                    rewrapped += batch.rewrapped();
                    lastRun = new Run(startedAt, null, rewrapped, unreadable, null);
                    after = batch.last();
                } while (batch.seen() > 0 && !stopping);
            } while (movedInPass > 0 && !stopping);
            Run done = new Run(startedAt, clock.instant(), rewrapped, unreadable, stopping ? "stopped with the application" : null);
            lastRun = done;
            if (unreadable > 0) {
                log.warn("master-key rotation: {} person keys do not open with the master key they name and were left", unreadable);
            }
            log.info("master-key rotation to {}: {} person keys re-wrapped", keys.currentId(), rewrapped);
            return done;
        } catch (RuntimeException e) {
            Run failed = new Run(startedAt, clock.instant(), rewrapped, unreadable, e.getClass().getSimpleName() + ": " + e.getMessage());
            lastRun = failed;
            log.error("master-key rotation stopped; start it again to go on", e);
            return failed;
        }
    }

    private record Batch(int seen, int rewrapped, int unreadable, UUID last) {
    }

    private record Row(UUID subject, String keyId, byte[] wrapped) {
    }

    /** One transaction: the next rows after {@code after} (from the start when null) still under a retired key. */
    private Batch rewrapBatch(UUID after) {
        if (keys.retiredIds().isEmpty()) {
            return new Batch(0, 0, 0, null);
        }
        return transactions.execute(status -> {
            var query = jdbc.sql("SELECT subject_id, key_id, wrapped_key FROM person_key"
                            + " WHERE key_id IN (:retired) AND wrapped_key IS NOT NULL"
                            + (after == null ? "" : " AND subject_id > :after")
                            + " ORDER BY subject_id LIMIT :limit FOR UPDATE SKIP LOCKED")
                    .param("retired", keys.retiredIds())
                    .param("limit", batchSize);
            if (after != null) {
                query = query.param("after", after);
            }
            List<Row> rows = query
                    .query((rs, row) -> new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getBytes(3)))
                    .list();
            int rewrapped = 0;
            int unreadable = 0;
            for (Row row : rows) {
                SecretKey dataKey;
                try {
                    dataKey = PersonalDataCrypto.unwrap(keys.byId(row.keyId()).orElseThrow(), row.subject(), row.wrapped());
                } catch (UnreadableDataException e) {
                    unreadable++;
                    continue;
                }
                rewrapped += jdbc.sql("""
                                UPDATE person_key SET wrapped_key = :wrapped, key_id = :current
                                 WHERE subject_id = :subject AND key_id = :retired AND wrapped_key IS NOT NULL""")
                        .param("wrapped", PersonalDataCrypto.wrap(keys.current(), row.subject(), dataKey))
                        .param("current", keys.currentId())
                        .param("subject", row.subject())
                        .param("retired", row.keyId())
                        .update();
            }
            return new Batch(rows.size(), rewrapped, unreadable, rows.isEmpty() ? null : rows.getLast().subject());
        });
    }

    @PreDestroy
    void stop() {
        stopping = true;
    }
}
