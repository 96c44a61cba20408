package br.com.healthmed.api.doctor;

import br.com.healthmed.api.common.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CrmTest {

    @Test
    void leading_zeros_do_not_make_another_registration() {
        assertThat(Crm.of(" 0012345 ", "sp")).isEqualTo(Crm.of("12345", "SP"));
        assertThat(Crm.of("0012345", "SP").number()).isEqualTo("12345");
    }

    @Test
    void the_same_number_in_another_uf_is_another_registration() {
        assertThat(Crm.of("12345", "SP")).isNotEqualTo(Crm.of("12345", "RJ"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12a45", "12.345", "0", "000", "12345678901", "-1"})
    void a_number_that_is_not_one_to_ten_digits_or_is_zero_is_rejected(String number) {
        assertThatThrownBy(() -> Crm.of(number, "SP"))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.code()).isEqualTo("crm-invalid"));
    }

    @Test
    void a_missing_number_or_uf_is_required() {
        assertThatThrownBy(() -> Crm.of(" ", "SP"))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.code()).isEqualTo("crm-required"));
        assertThatThrownBy(() -> new Crm("12345", null))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.code()).isEqualTo("uf-required"));
    }

    @Test
    void there_are_twenty_seven_ufs_parsed_in_any_case() {
        assertThat(Uf.values()).hasSize(27);
        assertThat(Uf.parse(" rj ")).isEqualTo(Uf.RJ);
        assertThat(Uf.parse("DF")).isEqualTo(Uf.DF);
    }

    @ParameterizedTest
    @ValueSource(strings = {"XX", "S P", "BR", "SAO PAULO"})
    void an_unknown_uf_is_rejected(String uf) {
        assertThatThrownBy(() -> Uf.parse(uf))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.code()).isEqualTo("uf-invalid"));
    }

    @Test
    void a_missing_uf_is_required() {
        assertThatThrownBy(() -> Uf.parse(null))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.code()).isEqualTo("uf-required"));
    }
}
