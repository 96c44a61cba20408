package br.com.healthmed.api.common;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class MoneyTest {

    @Test
    void an_amount_in_reais_always_has_two_decimals() {
        assertThat(Money.brl("250").amount()).isEqualTo(new BigDecimal("250.00"));
        assertThat(Money.brl("250.5").amount()).isEqualTo(new BigDecimal("250.50"));
        assertThat(Money.brl("250.500").amount()).isEqualTo(new BigDecimal("250.50"));
        assertThat(Money.brl("250")).isEqualTo(Money.brl("250.00"));
        assertThat(Money.brl("250").currency()).isEqualTo("BRL");
    }

    @Test
    void fractions_of_a_centavo_are_rejected() {
        assertThatThrownBy(() -> Money.brl("250.001"))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.code()).isEqualTo("price-invalid"));
    }

    @Test
    void only_reais_are_accepted() {
        assertThat(new Money(new BigDecimal("10"), null).currency()).isEqualTo("BRL");
        assertThatThrownBy(() -> new Money(new BigDecimal("10"), "USD"))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.code()).isEqualTo("currency-unsupported"));
    }

    @Test
    void a_missing_amount_is_required() {
        assertThatThrownBy(() -> new Money(null, "BRL"))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.code()).isEqualTo("price-required"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.01", "150", "100000.00"})
    void a_consultation_price_is_more_than_zero_and_at_most_one_hundred_thousand(String amount) {
        assertThat(Money.consultationPrice(new BigDecimal(amount)).amount()).isEqualByComparingTo(amount);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.00", "-10", "100000.01"})
    void a_consultation_price_out_of_range_is_rejected(String amount) {
        assertThatThrownBy(() -> Money.consultationPrice(new BigDecimal(amount)))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.code()).isEqualTo("price-out-of-range"));
    }

    /** Before the bound, {@code setScale(2)} expanded this to 400 million digits: tens of seconds of CPU per request. */
    @ParameterizedTest
    @ValueSource(strings = {"1E+400000000", "-1E+400000000", "1E+16", "1234567890123456"})
    void amounts_with_absurd_magnitudes_are_refused_before_any_arithmetic(String amount) {
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThatThrownBy(() -> Money.brl(new BigDecimal(amount)))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.code()).isEqualTo("price-out-of-range")));
    }

    @Test
    void tiny_fractions_are_refused_without_expanding_them() {
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThatThrownBy(() -> Money.brl(new BigDecimal("1E-400000000")))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.code()).isEqualTo("price-invalid")));
        assertThat(Money.brl("999999999999999.99").amount()).isEqualByComparingTo("999999999999999.99");
        assertThat(Money.brl("0").amount()).isEqualByComparingTo("0.00");
    }
}
