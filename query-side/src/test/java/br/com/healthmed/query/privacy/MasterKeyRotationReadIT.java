package br.com.healthmed.query.privacy;

import br.com.healthmed.api.privacy.PersonalDataCrypto;
import br.com.healthmed.api.privacy.Sealed;
import br.com.healthmed.query.support.EventStoreSchema;
import br.com.healthmed.query.support.PersonKeys;
import br.com.healthmed.testing.SharedInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.crypto.SecretKey;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 9 item 13 (ADR 0026), the query side's half: it reads person keys under whichever master key each row names,
 * through a rotation. The rows are written as the command side's vault and re-wrap job write them (key_id, wrapped
 * key); the command side's own MasterKeyRotationIT runs that job.
 */
class MasterKeyRotationReadIT {

    private static final String K1 = PersonKeys.randomMasterKey();
    private static final String K2 = PersonKeys.randomMasterKey();

    private JdbcClient jdbc;

    @BeforeEach
    void database() {
        String url = SharedInfrastructure.postgres().createUniqueDatabase("rotation_read");
        EventStoreSchema.migrate(url);
        jdbc = JdbcClient.create(new DriverManagerDataSource(url, "postgres", "postgres"));
    }

    private PersonalDataReader reader(PrivacyProperties properties) {
        return new PersonalDataReader(jdbc, properties);
    }

    private static SecretKey key(String base64) {
        return PersonalDataCrypto.key(Base64.getDecoder().decode(base64));
    }

    /** What the command side's job does to one row: unwrap with k1, wrap with k2, name k2. */
    private void rewrapToK2(UUID subject) {
        byte[] wrapped = jdbc.sql("SELECT wrapped_key FROM person_key WHERE subject_id = ? AND key_id = 'k1'")
                .param(subject).query(byte[].class).single();
        SecretKey dataKey = PersonalDataCrypto.unwrap(key(K1), subject, wrapped);
        jdbc.sql("UPDATE person_key SET wrapped_key = ?, key_id = 'k2' WHERE subject_id = ? AND wrapped_key IS NOT NULL")
                .params(PersonalDataCrypto.wrap(key(K2), subject, dataKey), subject).update();
    }

    @Test
    void rows_under_k1_and_k2_open_with_the_set_during_the_rotation_and_with_k2_alone_after_it() {
        PersonKeys commandSideBefore = new PersonKeys(jdbc, K1);
        Sealed first = commandSideBefore.seal(UUID.randomUUID(), "Ana Souza");
        Sealed second = commandSideBefore.seal(UUID.randomUUID(), "Bruno Lima");
        Sealed erased = commandSideBefore.seal(UUID.randomUUID(), "Carla Dias");
        commandSideBefore.shred(erased.subject());
        PersonalDataReader today = reader(new PrivacyProperties(K1, null, null));
        assertThat(today.open(first)).contains("Ana Souza");

        rewrapToK2(first.subject());
        PersonalDataReader during = reader(new PrivacyProperties(null, "k1:" + K1 + ",k2:" + K2, "k2"));
        assertThat(during.openAll(List.of(first.value(), second.value(), erased.value())))
                .containsOnlyKeys(first.value(), second.value())
                .containsEntry(first.value(), "Ana Souza")
                .containsEntry(second.value(), "Bruno Lima");

        rewrapToK2(second.subject());
        PersonalDataReader after = reader(new PrivacyProperties(null, "k2:" + K2, "k2"));
        assertThat(after.open(first)).contains("Ana Souza");
        assertThat(after.open(second)).contains("Bruno Lima");
        assertThat(after.openOrErased(erased.value())).isEqualTo(PersonalDataReader.ERASED);
    }

    @Test
    void a_row_under_a_master_key_not_configured_here_is_refused_loudly_rather_than_shown_as_erased() {
        Sealed name = new PersonKeys(jdbc, K1).seal(UUID.randomUUID(), "Ana Souza");
        rewrapToK2(name.subject());

        assertThatThrownBy(() -> reader(new PrivacyProperties(K1, null, null)).open(name))
                .hasMessageContaining("master key k2, which is not configured here");
    }

    @Test
    void the_key_set_is_checked_at_start_up() {
        assertThatThrownBy(() -> reader(new PrivacyProperties(K1, "k2:" + K2, "k2"))).hasMessageContaining("none of its keys");
        assertThatThrownBy(() -> reader(new PrivacyProperties(null, null, null))).hasMessageContaining("no privacy master key");
    }
}
