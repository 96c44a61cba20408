package br.com.healthmed.platform.web;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The limits reach the ObjectMapper Spring Boot builds for each application, not just a copy of it. */
class JsonLimitsConfigTest {

    private final ObjectMapper mapper = mapper();

    private static ObjectMapper mapper() {
        Jackson2ObjectMapperBuilder builder = new Jackson2ObjectMapperBuilder();
        new JsonLimitsConfig().jsonReadLimits().customize(builder);
        return builder.build();
    }

    @Test
    void numbers_longer_than_the_limit_are_refused_while_parsing() throws Exception {
        assertThatThrownBy(() -> mapper.readTree("{\"price\":" + "9".repeat(JsonLimitsConfig.MAX_NUMBER_LENGTH + 1) + "}"))
                .isInstanceOf(StreamConstraintsException.class);
        assertThat(mapper.readTree("{\"price\":" + "9".repeat(20) + "}").path("price").isNumber()).isTrue();
    }

    @Test
    void nesting_deeper_than_the_limit_is_refused_while_parsing() {
        int depth = JsonLimitsConfig.MAX_NESTING_DEPTH + 1;
        assertThatThrownBy(() -> mapper.readTree("[".repeat(depth) + "]".repeat(depth)))
                .isInstanceOf(StreamConstraintsException.class);
    }

    @Test
    void copies_of_the_mapper_keep_the_limits() {
        ObjectMapper copy = mapper.copy();
        assertThat(copy.getFactory().streamReadConstraints().getMaxNumberLength()).isEqualTo(JsonLimitsConfig.MAX_NUMBER_LENGTH);
    }
}
