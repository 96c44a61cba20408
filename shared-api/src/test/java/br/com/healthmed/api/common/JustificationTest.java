package br.com.healthmed.api.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JustificationTest {

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\n\t"})
    void cancel_without_justification_is_rejected(String text) {
        assertCode(text, "justification", "justification-required");
    }

    @Test
    void a_justification_shorter_than_ten_characters_after_trimming_is_rejected() {
        assertCode("   123456789   ", "justification", "justification-too-short");
    }

    @Test
    void a_justification_longer_than_five_hundred_characters_after_trimming_is_rejected() {
        assertCode("x".repeat(501), "justification", "justification-too-long");
    }

    @Test
    void ten_to_five_hundred_characters_are_kept_trimmed() {
        assertThat(Justification.of("  1234567890  ", "justification").text()).isEqualTo("1234567890");
        assertThat(Justification.of(" " + "x".repeat(500) + " ", "justification").text()).hasSize(500);
    }

    @Test
    void a_rejection_reason_gets_codes_named_after_its_field() {
        assertCode(null, "reason", "reason-required");
        assertCode("curto", "reason", "reason-too-short");
        assertCode("y".repeat(501), "reason", "reason-too-long");
    }

    @Test
    void the_text_never_prints_because_it_may_reveal_health_information() {
        assertThat(Justification.of("Estou com febre e dor de cabeça", "justification").toString())
                .doesNotContain("febre");
    }

    private static void assertCode(String text, String field, String code) {
        assertThatThrownBy(() -> Justification.of(text, field))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.field()).isEqualTo(field);
                });
    }
}
