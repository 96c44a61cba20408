package br.com.healthmed.api.patient;

import br.com.healthmed.api.common.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CpfTest {

    @ParameterizedTest
    @ValueSource(strings = {"52998224725", "529.982.247-25", " 529.982.247-25 ", "529 982 247 25"})
    void a_valid_cpf_is_kept_as_its_eleven_digits_with_or_without_punctuation(String input) {
        assertThat(new Cpf(input).digits()).isEqualTo("52998224725");
    }

    @ParameterizedTest
    @ValueSource(strings = {"52998224726", "52998224715", "111.444.777-36"})
    void wrong_check_digits_are_rejected(String input) {
        assertInvalid(input, "cpf-invalid");
    }

    @ParameterizedTest
    @ValueSource(strings = {"00000000000", "11111111111", "999.999.999-99"})
    void all_equal_digits_are_rejected_even_though_their_check_digits_add_up(String input) {
        assertInvalid(input, "cpf-invalid");
    }

    @ParameterizedTest
    @ValueSource(strings = {"5299822472a", "529.982.247-2X", "abc.def.ghi-jk", "5299822472", "529982247250"})
    void letters_and_wrong_lengths_are_rejected(String input) {
        assertInvalid(input, "cpf-invalid");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = "   ")
    void a_missing_cpf_is_required(String input) {
        assertInvalid(input, "cpf-required");
    }

    @Test
    void a_cpf_prints_masked() {
        assertThat(new Cpf("52998224725").toString()).isEqualTo("***.***.***-25").doesNotContain("529982");
    }

    @Test
    void logins_that_look_like_a_cpf_are_told_apart_from_emails() {
        assertThat(Cpf.looksLikeCpf("529.982.247-25")).isTrue();
        assertThat(Cpf.looksLikeCpf("maria@example.com")).isFalse();
    }

    private static void assertInvalid(String input, String code) {
        assertThatThrownBy(() -> new Cpf(input))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.field()).isEqualTo("cpf");
                });
    }
}
