package br.com.healthmed.query.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * An answer already written as JSON and sent as it is, so a read served from a cache of answers costs a copy instead
 * of mapping the cached JSON back into objects and writing them out again (ADR 0035). {@code T} is the shape of the
 * JSON: {@link OpenApiConfig} documents a {@code RenderedJson<T>} as a {@code T}.
 *
 * @param json the JSON text, written by the application's {@link ObjectMapper} (the one the API answers with)
 */
@JsonSerialize(using = RenderedJson.Writer.class)
public record RenderedJson<T>(String json) {

    /** {@code value} as the API would write it. */
    public static <T> RenderedJson<T> of(T value, ObjectMapper mapper) {
        try {
            return new RenderedJson<>(mapper.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("An answer could not be written as JSON", e);
        }
    }

    /** Writes the JSON text into the answer unchanged. */
    public static final class Writer extends JsonSerializer<RenderedJson<?>> {
        @Override
        public void serialize(RenderedJson<?> value, JsonGenerator generator, SerializerProvider serializers)
                throws IOException {
            generator.writeRawValue(value.json());
        }
    }
}
