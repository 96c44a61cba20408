package br.com.healthmed.api.privacy;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MasterKeysTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String K1 = randomKey();
    private static final String K2 = randomKey();

    private static String randomKey() {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }

    @Test
    void a_key_configured_alone_is_the_set_of_one_named_k1() {
        MasterKeys keys = MasterKeys.of(K1, "", null);

        assertThat(keys.currentId()).isEqualTo("k1");
        assertThat(keys.ids()).containsExactly("k1");
        assertThat(keys.retiredIds()).isEmpty();
        assertThat(keys.current().getEncoded()).isEqualTo(Base64.getDecoder().decode(K1));
    }

    @Test
    void a_set_names_each_key_and_the_current_one_and_the_others_are_retired() {
        MasterKeys keys = MasterKeys.of(null, "k1:" + K1 + ", k2:" + K2, "k2");

        assertThat(keys.currentId()).isEqualTo("k2");
        assertThat(keys.ids()).containsExactly("k1", "k2");
        assertThat(keys.retiredIds()).containsExactly("k1");
        assertThat(keys.byId("k1").orElseThrow().getEncoded()).isEqualTo(Base64.getDecoder().decode(K1));
        assertThat(keys.byId("k3")).isEmpty();
    }

    @Test
    void a_person_key_wrapped_under_k1_opens_with_the_set_that_still_has_k1() {
        UUID subject = UUID.randomUUID();
        var dataKey = PersonalDataCrypto.newKey();
        byte[] wrapped = PersonalDataCrypto.wrap(MasterKeys.of(K1, null, null).current(), subject, dataKey);

        MasterKeys rotating = MasterKeys.of(null, "k1:" + K1 + ",k2:" + K2, "k2");

        assertThat(PersonalDataCrypto.unwrap(rotating.byId("k1").orElseThrow(), subject, wrapped).getEncoded())
                .isEqualTo(dataKey.getEncoded());
        assertThatThrownBy(() -> PersonalDataCrypto.unwrap(rotating.current(), subject, wrapped))
                .isInstanceOf(UnreadableDataException.class);
    }

    @Test
    void configuration_mistakes_fail_at_start_up_without_showing_key_material() {
        assertThatThrownBy(() -> MasterKeys.of("", " ", null)).hasMessageContaining("no privacy master key");
        assertThatThrownBy(() -> MasterKeys.of(K1, "k2:" + K2, "k2")).hasMessageContaining("none of its keys");
        assertThatThrownBy(() -> MasterKeys.of(K1, null, "k2")).hasMessageContaining("a key configured alone is k1");
        assertThatThrownBy(() -> MasterKeys.of(null, "k1:" + K1 + ",k2:" + K2, null))
                .hasMessageContaining("HEALTHMED_PRIVACY_CURRENT_KEY_ID is required");
        assertThatThrownBy(() -> MasterKeys.of(null, "k1:" + K1, "k2")).hasMessageContaining("is not in");
        assertThatThrownBy(() -> MasterKeys.of(null, "k1:" + K1 + ",k1:" + K2, "k1")).hasMessageContaining("twice");
        assertThatThrownBy(() -> MasterKeys.of(null, K1, "k1")).hasMessageContaining("id:base64-key");
        assertThatThrownBy(() -> MasterKeys.of(null, "k 1:" + K1, "k 1")).hasMessageContaining("a key id is");
        assertThatThrownBy(() -> MasterKeys.of(null, "k1:c2hvcnQ=", "k1")).hasMessageContaining("must be 32 bytes")
                .hasMessageNotContaining("c2hvcnQ=");
        assertThatThrownBy(() -> MasterKeys.of(null, "k1:***", "k1")).hasMessageContaining("is not base64");
    }

    @Test
    void a_single_key_left_next_to_the_set_is_accepted_when_it_is_one_of_its_keys() {
        MasterKeys keys = MasterKeys.of(K1, "k1:" + K1 + ",k2:" + K2, "k2");

        assertThat(keys.currentId()).isEqualTo("k2");
        assertThat(keys.ids()).containsExactly("k1", "k2");
    }

    @Test
    void its_text_names_the_ids_only() {
        assertThat(MasterKeys.of(null, "k1:" + K1 + ",k2:" + K2, "k2").toString())
                .isEqualTo("MasterKeys[current=k2, ids=[k1, k2]]").doesNotContain(K1, K2);
    }
}
