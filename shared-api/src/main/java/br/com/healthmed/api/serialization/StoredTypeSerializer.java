package br.com.healthmed.api.serialization;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.ChainingConverter;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;

import java.util.Optional;

/**
 * Axon's Jackson serializer, writing the types of {@link StoredTypes} under their logical names (with the revision of
 * their {@code @Revision}) and reading logical and former names back as the same classes. Everything else is left to
 * Jackson and to Axon's defaults, so commands, queries and tracking tokens are stored exactly as before.
 */
public final class StoredTypeSerializer extends JacksonSerializer {

    private final StoredTypes storedTypes;

    private StoredTypeSerializer(JacksonSerializer.Builder builder, StoredTypes storedTypes) {
        super(builder);
        this.storedTypes = storedTypes;
    }

    /**
     * Configured as Axon's Spring Boot auto-configuration configures its Jackson serializer (a converter chain on the
     * application's class loader, revisions from {@code @Revision}), but on a copy of the application's
     * {@code ObjectMapper}: Axon registers its modules on the mapper it is given, and the stored shape must not follow
     * later changes to the HTTP layer's settings. Dates and times are ISO-8601 text, as stored since the start.
     */
    public static StoredTypeSerializer create(StoredTypes storedTypes, ObjectMapper objectMapper, ClassLoader classLoader) {
        return new StoredTypeSerializer(JacksonSerializer.builder()
                .objectMapper(objectMapper.copy().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS))
                .converter(new ChainingConverter(classLoader))
                .revisionResolver(new AnnotationRevisionResolver()), storedTypes);
    }

    @Override
    @SuppressWarnings("rawtypes") // the signature of Axon's Serializer
    public SerializedType typeForClass(Class type) {
        if (type == null) {
            return super.typeForClass(null);
        }
        return storedTypes.nameOf(type)
                .<SerializedType>map(name -> new SimpleSerializedType(name, getRevisionResolver().revisionOf(type)))
                .orElseGet(() -> super.typeForClass(type));
    }

    @Override
    @SuppressWarnings("rawtypes") // the signature of Axon's Serializer
    public Class classForType(SerializedType type) {
        Optional<Class<?>> known = storedTypes.classOf(type.getName());
        return known.isPresent() ? known.get() : super.classForType(type);
    }
}
