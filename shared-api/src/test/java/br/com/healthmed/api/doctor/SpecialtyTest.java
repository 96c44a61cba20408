package br.com.healthmed.api.doctor;

import br.com.healthmed.api.common.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpecialtyTest {

    @Test
    void the_cfm_recognises_fifty_five_specialties() {
        assertThat(Specialty.values()).hasSize(55);
    }

    @ParameterizedTest
    @EnumSource(Specialty.class)
    void every_code_is_upper_snake_case_without_accents_and_has_a_display_name(Specialty specialty) {
        assertThat(specialty.name()).matches("[A-Z]+(_[A-Z]+)*");
        assertThat(specialty.displayName()).isNotBlank();
    }

    @Test
    void codes_are_parsed_in_any_case() {
        assertThat(Specialty.parse(" medicina_de_familia_e_comunidade ")).isEqualTo(Specialty.MEDICINA_DE_FAMILIA_E_COMUNIDADE);
        assertThat(Specialty.parse("CARDIOLOGIA").displayName()).isEqualTo("Cardiologia");
    }

    @ParameterizedTest
    @ValueSource(strings = {"CARDIOLOGY", "QUIROPRAXIA", "CLÍNICA_MÉDICA", "CARDIOLOGIA DERMATOLOGIA"})
    void an_unknown_code_is_rejected(String code) {
        assertThatThrownBy(() -> Specialty.parse(code))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.code()).isEqualTo("specialty-unknown"));
    }

    @Test
    void a_missing_code_is_required() {
        assertThatThrownBy(() -> Specialty.parse(""))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.code()).isEqualTo("specialty-required"));
    }
}
