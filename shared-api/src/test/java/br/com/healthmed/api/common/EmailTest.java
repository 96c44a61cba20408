package br.com.healthmed.api.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmailTest {

    @Test
    void an_email_is_trimmed_and_lower_cased_so_that_uniqueness_ignores_case() {
        assertThat(new Email("  Maria.Silva+consultas@Example.COM.br ").value()).isEqualTo("maria.silva+consultas@example.com.br");
        assertThat(new Email("MARIA@EXAMPLE.COM")).isEqualTo(new Email("maria@example.com"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"maria", "maria@", "@example.com", "maria@example", "maria silva@example.com",
            "maria@exa_mple.com", "maria@-example.com", "maria@@example.com"})
    void a_malformed_address_is_rejected(String input) {
        assertThatThrownBy(() -> new Email(input))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.code()).isEqualTo("email-invalid"));
    }

    @Test
    void an_address_longer_than_254_characters_is_rejected() {
        String longLocalPart = "a".repeat(250);
        assertThatThrownBy(() -> new Email(longLocalPart + "@ex.com"))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.code()).isEqualTo("email-invalid"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = "  ")
    void a_missing_address_is_required(String input) {
        assertThatThrownBy(() -> new Email(input))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                    assertThat(e.code()).isEqualTo("email-required");
                    assertThat(e.field()).isEqualTo("email");
                });
    }
}
