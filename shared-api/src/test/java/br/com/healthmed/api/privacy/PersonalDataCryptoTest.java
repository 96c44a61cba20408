package br.com.healthmed.api.privacy;

import org.junit.jupiter.api.Test;

import javax.crypto.SecretKey;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PersonalDataCryptoTest {

    private final SecretKey key = PersonalDataCrypto.newKey();
    private final UUID subject = UUID.randomUUID();

    @Test
    void a_sealed_value_opens_to_its_text_with_the_subjects_key() {
        Sealed sealed = PersonalDataCrypto.seal(key, subject, "Maria Silva, CPF 529.982.247-25");

        assertThat(PersonalDataCrypto.open(key, sealed)).isEqualTo("Maria Silva, CPF 529.982.247-25");
        assertThat(sealed.subject()).isEqualTo(subject);
        assertThat(sealed.value()).startsWith("sealed:v1:" + subject + ":").doesNotContain("Maria", "529");
    }

    @Test
    void sealing_the_same_text_twice_gives_different_values() {
        assertThat(PersonalDataCrypto.seal(key, subject, "Maria"))
                .isNotEqualTo(PersonalDataCrypto.seal(key, subject, "Maria"));
    }

    @Test
    void a_value_passed_off_as_another_subjects_fails_to_open() {
        Sealed sealed = PersonalDataCrypto.seal(key, subject, "Maria Silva");
        Sealed relabelled = Sealed.of(sealed.value().replace(subject.toString(), UUID.randomUUID().toString()));

        assertThatThrownBy(() -> PersonalDataCrypto.open(key, relabelled)).isInstanceOf(UnreadableDataException.class);
    }

    @Test
    void a_tampered_value_fails_to_open() {
        Sealed sealed = PersonalDataCrypto.seal(key, subject, "Maria Silva");
        int position = sealed.value().length() - 10;
        char original = sealed.value().charAt(position);
        Sealed tampered = Sealed.of(sealed.value().substring(0, position) + (original == 'A' ? 'B' : 'A')
                + sealed.value().substring(position + 1));

        assertThatThrownBy(() -> PersonalDataCrypto.open(key, tampered)).isInstanceOf(UnreadableDataException.class);
    }

    @Test
    void another_key_cannot_open_the_value() {
        Sealed sealed = PersonalDataCrypto.seal(key, subject, "Maria Silva");

        assertThatThrownBy(() -> PersonalDataCrypto.open(PersonalDataCrypto.newKey(), sealed))
                .isInstanceOf(UnreadableDataException.class);
    }

    @Test
    void a_data_key_wrapped_with_the_master_key_unwraps_only_for_its_subject() {
        SecretKey master = PersonalDataCrypto.newKey();
        byte[] wrapped = PersonalDataCrypto.wrap(master, subject, key);

        assertThat(PersonalDataCrypto.unwrap(master, subject, wrapped).getEncoded()).isEqualTo(key.getEncoded());
        assertThatThrownBy(() -> PersonalDataCrypto.unwrap(master, UUID.randomUUID(), wrapped))
                .isInstanceOf(UnreadableDataException.class);
    }

    @Test
    void only_sealed_values_are_accepted_as_sealed() {
        assertThat(Sealed.isSealed("maria@example.com")).isFalse();
        assertThatThrownBy(() -> Sealed.of("maria@example.com")).isInstanceOf(IllegalArgumentException.class);
    }
}
