package br.com.healthmed.command.privacy;

import br.com.healthmed.api.privacy.Sealed;
import br.com.healthmed.command.backup.EventStoreBackup;
import br.com.healthmed.testing.SharedInfrastructure;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 9 item 13 (ADR 0026, docs/security.md): rotating the privacy master key on the command side's real schema.
 * Sealed under k1, re-wrapped by the job, opened under k2 alone; an erasure during the rotation stays an erasure.
 */
class MasterKeyRotationIT {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String K1 = randomKey();
    private static final String K2 = randomKey();
    private static final String LOOKUP = randomKey();

    private DataSource dataSource;
    private JdbcClient jdbc;

    private static String randomKey() {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    @BeforeEach
    void database() {
        String url = SharedInfrastructure.postgres().createUniqueDatabase("rotation");
        Flyway.configure().dataSource(url, "postgres", "postgres").locations(EventStoreBackup.MIGRATIONS).load().migrate();
        dataSource = new DriverManagerDataSource(url, "postgres", "postgres");
        jdbc = JdbcClient.create(dataSource);
    }

    /** Today's configuration: one HEALTHMED_PRIVACY_MASTER_KEY. */
    private JdbcPersonalDataVault vaultWithK1Alone() {
        return new JdbcPersonalDataVault(jdbc, new PrivacyProperties(K1, null, null, LOOKUP, 500));
    }

    /** During the rotation: both keys, k2 current. */
    private static PrivacyProperties rotating(int batchSize) {
        return new PrivacyProperties(null, "k1:" + K1 + ",k2:" + K2, "k2", LOOKUP, batchSize);
    }

    /** After it: k1 removed from the configuration (and destroyed). */
    private JdbcPersonalDataVault vaultWithK2Alone() {
        return new JdbcPersonalDataVault(jdbc, new PrivacyProperties(null, "k2:" + K2, "k2", LOOKUP, 500));
    }

    private MasterKeyRotation rotation(int batchSize) {
        return new MasterKeyRotation(jdbc, new DataSourceTransactionManager(dataSource), rotating(batchSize), Clock.systemUTC());
    }

    private Map<String, Object> row(UUID subject) {
        return jdbc.sql("SELECT key_id, wrapped_key, shredded_at FROM person_key WHERE subject_id = ?").param(subject)
                .query().singleRow();
    }

    @Test
    void sealed_under_k1_rotated_in_batches_and_opened_under_k2_alone_while_tombstones_stay_tombstones() {
        JdbcPersonalDataVault before = vaultWithK1Alone();
        List<Sealed> sealed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sealed.add(before.seal(UUID.randomUUID(), "Paciente " + i));
        }
        UUID erased = UUID.randomUUID();
        Sealed erasedName = before.seal(erased, "Pessoa apagada");
        before.shred(erased);
        assertThat(jdbc.sql("SELECT DISTINCT key_id FROM person_key").query(String.class).list()).containsExactly("k1");

        MasterKeyRotation rotation = rotation(2);
        assertThat(rotation.progress().complete()).isFalse();
        MasterKeyRotation.Run run = rotation.runToEnd();

        assertThat(run.rewrapped()).isEqualTo(5);
        assertThat(run.unreadable()).isZero();
        assertThat(run.failure()).isNull();
        MasterKeyRotation.Progress progress = rotation.progress();
        assertThat(progress.liveKeysByMasterKey()).containsExactly(Map.entry("k2", 5L));
        assertThat(progress.tombstones()).isEqualTo(1);
        assertThat(progress.complete()).isTrue();
        assertThat(progress.unknownKeyIds()).isEmpty();

        JdbcPersonalDataVault after = vaultWithK2Alone();
        for (int i = 0; i < sealed.size(); i++) {
            assertThat(after.open(sealed.get(i))).contains("Paciente " + i);
        }
        assertThat(after.open(erasedName)).isEmpty();
        assertThat(row(erased).get("wrapped_key")).isNull();
        assertThatThrownBy(() -> vaultWithK1Alone().open(sealed.getFirst()))
                .as("k1 alone no longer names the key of a re-wrapped row").hasMessageContaining("master key k2");
        assertThat(rotation.runToEnd().rewrapped()).as("a second run has nothing to do").isZero();
    }

    @Test
    void once_the_key_set_is_deployed_new_persons_get_the_current_key_and_old_ones_still_open() {
        Sealed old = vaultWithK1Alone().seal(UUID.randomUUID(), "Antes da rotação");
        JdbcPersonalDataVault during = new JdbcPersonalDataVault(jdbc, rotating(500));

        UUID newcomer = UUID.randomUUID();
        Sealed fresh = during.seal(newcomer, "Depois da rotação");

        assertThat(row(newcomer).get("key_id")).isEqualTo("k2");
        assertThat(row(old.subject()).get("key_id")).isEqualTo("k1");
        assertThat(during.open(old)).contains("Antes da rotação");
        assertThat(during.open(fresh)).contains("Depois da rotação");
        assertThat(during.seal(old.subject(), "mais um").subject()).isEqualTo(old.subject());
        assertThat(row(old.subject()).get("key_id")).as("an existing key is used as it is, not re-wrapped by sealing")
                .isEqualTo("k1");
    }

    @Test
    void a_person_erased_while_the_rotation_holds_or_skips_their_row_stays_erased() throws Exception {
        JdbcPersonalDataVault before = vaultWithK1Alone();
        Sealed erasedName = before.seal(UUID.randomUUID(), "Apagada durante a rotação");
        Sealed keptName = before.seal(UUID.randomUUID(), "Mantida");
        MasterKeyRotation rotation = rotation(10);

        try (Connection erasure = dataSource.getConnection()) {
            erasure.setAutoCommit(false);
            // The erasure's transaction holds the row (as the shredding upsert does) when the rotation reaches it.
            try (PreparedStatement lock = erasure.prepareStatement("SELECT 1 FROM person_key WHERE subject_id = ? FOR UPDATE")) {
                lock.setObject(1, erasedName.subject());
                lock.executeQuery().close();
            }
            MasterKeyRotation.Run whileLocked = rotation.runToEnd();
            assertThat(whileLocked.rewrapped()).as("the locked row is skipped, not waited for").isEqualTo(1);
            try (PreparedStatement shred = erasure.prepareStatement(
                    "UPDATE person_key SET wrapped_key = NULL, shredded_at = now() WHERE subject_id = ?")) {
                shred.setObject(1, erasedName.subject());
                shred.executeUpdate();
            }
            erasure.commit();
        }
        assertThat(rotation.runToEnd().rewrapped()).isZero();

        JdbcPersonalDataVault after = vaultWithK2Alone();
        assertThat(after.open(erasedName)).isEmpty();
        assertThat(after.open(keptName)).contains("Mantida");
        assertThat(row(erasedName.subject()).get("wrapped_key")).isNull();
        assertThat(rotation.progress().complete()).isTrue();
    }

    @Test
    void erasures_racing_a_rotation_all_stay_erased_and_every_other_key_moves() {
        JdbcPersonalDataVault before = vaultWithK1Alone();
        List<Sealed> people = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            people.add(before.seal(UUID.randomUUID(), "Pessoa " + i));
        }
        JdbcPersonalDataVault during = new JdbcPersonalDataVault(jdbc, rotating(7));
        MasterKeyRotation rotation = rotation(7);

        CompletableFuture<MasterKeyRotation.Run> run = CompletableFuture.supplyAsync(rotation::runToEnd);
        for (int i = 0; i < people.size(); i += 2) {
            during.shred(people.get(i).subject());
        }
        assertThat(run.join().failure()).isNull();
        rotation.runToEnd();

        JdbcPersonalDataVault after = vaultWithK2Alone();
        for (int i = 0; i < people.size(); i++) {
            if (i % 2 == 0) {
                assertThat(after.open(people.get(i))).as("erased person %d", i).isEmpty();
                assertThat(row(people.get(i).subject()).get("wrapped_key")).isNull();
            } else {
                assertThat(after.open(people.get(i))).as("kept person %d", i).contains("Pessoa " + i);
            }
        }
        assertThat(rotation.progress().liveKeysByMasterKey()).containsExactly(Map.entry("k2", 60L));
        assertThat(rotation.progress().tombstones()).isEqualTo(60);
    }

    @Test
    void a_key_wrapped_under_a_master_key_not_configured_is_refused_loudly_not_replaced() {
        UUID subject = UUID.randomUUID();
        vaultWithK1Alone().seal(subject, "Alguém");
        jdbc.sql("UPDATE person_key SET key_id = 'k0' WHERE subject_id = ?").param(subject).update();

        assertThatThrownBy(() -> vaultWithK1Alone().seal(subject, "de novo")).hasMessageContaining("master key k0");
        assertThat(rotation(10).progress().unknownKeyIds()).containsExactly("k0");
        assertThat(rotation(10).runToEnd().rewrapped()).isZero();
        assertThat(row(subject).get("key_id")).isEqualTo("k0");
    }
}
