package br.com.healthmed.platform.web;

import com.fasterxml.jackson.core.StreamReadConstraints;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Bounds what the JSON parser accepts before any object is built, on both sides and for everything the application's
 * ObjectMapper reads (request bodies, and the events and caches it stores itself, which stay far below these limits).
 * A refused body is answered 400 {@code json-limits-exceeded} by {@link PlatformProblemAdvice}.
 */
@Configuration(proxyBeanMethods = false)
public class JsonLimitsConfig {

    /** No number we accept needs more digits: prices have at most 17, ids are strings. */
    static final int MAX_NUMBER_LENGTH = 64;
    /** Our requests nest three levels at most; deep nesting only costs stack and time. */
    static final int MAX_NESTING_DEPTH = 32;
    /** Longer than any text field a request may carry, far shorter than Jackson's default of 20 million. */
    static final int MAX_STRING_LENGTH = 1_000_000;

    static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .maxNestingDepth(MAX_NESTING_DEPTH)
            .maxStringLength(MAX_STRING_LENGTH)
            .build();

    @Bean
    Jackson2ObjectMapperBuilderCustomizer jsonReadLimits() {
        return builder -> builder.postConfigurer(mapper -> mapper.getFactory().setStreamReadConstraints(CONSTRAINTS));
    }
}
