package br.com.healthmed.command.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CorrelationIdTest {

    @Test
    void short_plain_ids_are_accepted() {
        assertThat(CorrelationId.isAcceptable("abc-DEF_123.x")).isTrue();
        assertThat(CorrelationId.isAcceptable("a".repeat(64))).isTrue();
    }

    @Test
    void long_empty_or_unusual_ids_are_replaced() {
        assertThat(CorrelationId.isAcceptable(null)).isFalse();
        assertThat(CorrelationId.isAcceptable("")).isFalse();
        assertThat(CorrelationId.isAcceptable("a".repeat(65))).isFalse();
        assertThat(CorrelationId.isAcceptable("abc\r\nX-Evil: 1")).isFalse();
        assertThat(CorrelationId.isAcceptable("has space")).isFalse();
        assertThat(CorrelationId.isAcceptable("ção")).isFalse();
    }
}
