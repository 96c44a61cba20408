package br.com.healthmed.api.serialization;

import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.schedule.PatternId;
import br.com.healthmed.api.schedule.SlotId;
import br.com.healthmed.api.schedule.SlotPublishedEvent;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Revision-1 slots, as version 5bca2fe stored them, read as today's {@link SlotPublishedEvent}. */
class SlotPublishedEventUpcasterTest {

    private static final String STORED_BY_5BCA2FE = "br.com.healthmed.api.schedule.SlotPublishedEvent";

    private final StoredTypes types = StoredTypes.events();
    private final StoredTypeSerializer serializer = StoredTypeSerializer.create(types,
            JsonMapper.builder().findAndAddModules().build(), getClass().getClassLoader());
    private final EventUpcaster chain = StoredHistory.upcasters(types);

    @Test
    void a_revision_1_slot_stored_under_its_class_name_reads_as_a_slot_of_no_pattern() throws IOException {
        SlotPublishedEvent event = read(STORED_BY_5BCA2FE, "1", fixture("slot-published-r1-5bca2fe.json"));

        assertThat(event).isEqualTo(new SlotPublishedEvent(
                new DoctorId(UUID.fromString("e8afd919-2040-430d-ba65-20ef10c80ae0")),
                new SlotId(UUID.fromString("f14a81ae-608f-4039-8a9f-ccbe72e048f9")),
                Instant.parse("2026-12-04T17:00:00Z"), Instant.parse("2026-12-04T17:30:00Z"), null));
    }

    @Test
    void a_revision_1_slot_under_its_logical_name_is_upcast_alike() throws IOException {
        IntermediateEventRepresentation upcast = upcast("healthmed.schedule.SlotPublished", "1",
                fixture("slot-published-r1-5bca2fe.json"));

        assertThat(upcast.getType().getName()).isEqualTo("healthmed.schedule.SlotPublished");
        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        assertThat(upcast.getData(String.class).getData()).contains("\"patternId\":null");
    }

    @Test
    void the_upcaster_produces_the_revision_the_class_declares() {
        assertThat(SlotPublishedEvent.class.getAnnotation(Revision.class).value())
                .isEqualTo(SlotPublishedEventUpcaster.TO_REVISION);
    }

    @Test
    void a_revision_2_slot_is_left_as_it_is() {
        PatternId pattern = PatternId.random();
        SlotPublishedEvent today = new SlotPublishedEvent(DoctorId.random(), SlotId.random(),
                Instant.parse("2027-01-04T11:00:00Z"), Instant.parse("2027-01-04T11:30:00Z"), pattern);
        SerializedObject<byte[]> stored = serializer.serialize(today, byte[].class);

        SlotPublishedEvent read = read(stored.getType().getName(), stored.getType().getRevision(),
                new String(stored.getData(), StandardCharsets.UTF_8));

        assertThat(read).isEqualTo(today);
        assertThat(read.patternId()).isEqualTo(pattern);
    }

    private SlotPublishedEvent read(String type, String revision, String payload) {
        IntermediateEventRepresentation upcast = upcast(type, revision, payload);
        return serializer.deserialize(upcast.getData());
    }

    private IntermediateEventRepresentation upcast(String type, String revision, String payload) {
        StoredRow row = new StoredRow(new SimpleSerializedObject<>(payload.getBytes(StandardCharsets.UTF_8), byte[].class,
                type, revision));
        List<IntermediateEventRepresentation> upcast = chain
                .upcast(Stream.of(new InitialEventRepresentation(row, serializer))).toList();
        assertThat(upcast).hasSize(1);
        return upcast.getFirst();
    }

    /** One row of the event store, as the storage engine hands it to the upcasters. */
    private record StoredRow(SerializedObject<byte[]> getPayload) implements DomainEventData<byte[]> {

        @Override
        public String getType() {
            return "Doctor";
        }

        @Override
        public String getAggregateIdentifier() {
            return "e8afd919-2040-430d-ba65-20ef10c80ae0";
        }

        @Override
        public long getSequenceNumber() {
            return 0;
        }

        @Override
        public String getEventIdentifier() {
            return "f4b0c8de-0000-4000-8000-000000000001";
        }

        @Override
        public Instant getTimestamp() {
            return Instant.parse("2026-12-01T16:50:44Z");
        }

        @Override
        public SerializedObject<byte[]> getMetaData() {
            return new SimpleSerializedObject<>("{}".getBytes(StandardCharsets.UTF_8), byte[].class, MetaData.class.getName(), null);
        }
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = SlotPublishedEventUpcasterTest.class.getResourceAsStream("/stored/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}
