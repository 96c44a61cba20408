package br.com.healthmed.api.serialization;

import br.com.healthmed.api.patient.ErasePatientDataCommand;
import br.com.healthmed.api.patient.PatientId;
import br.com.healthmed.api.schedule.SlotHeldEvent;
import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.schedule.PatternId;
import br.com.healthmed.api.schedule.SlotId;
import br.com.healthmed.api.schedule.WeeklyPatternPublishedEvent;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every event has a logical name and a revision; old class names still read; the rest keeps Axon's defaults. */
class StoredTypesTest {

    private final StoredTypes types = StoredTypes.events();
    private final StoredTypeSerializer serializer = StoredTypeSerializer.create(types,
            JsonMapper.builder().findAndAddModules().build(), getClass().getClassLoader());

    @Test
    void every_event_of_the_shared_api_has_a_logical_name_and_a_revision() {
        Set<Class<?>> events = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("br.com.healthmed.api").stream()
                .filter(type -> type.getSimpleName().endsWith("Event") && type.isRecord())
                .map(JavaClass::reflect)
                .collect(Collectors.toSet());

        assertThat(events).hasSizeGreaterThanOrEqualTo(19);
        assertThat(types.types()).containsAll(events);
        assertThat(events).allSatisfy(event -> {
            assertThat(event.getAnnotation(Revision.class)).as("@Revision on %s", event).isNotNull();
            assertThat(types.nameOf(event)).get().asString().matches("healthmed\\.[a-z]+\\.[A-Za-z]+")
                    .doesNotContain(event.getPackageName()).doesNotEndWith("Event");
        });
    }

    @Test
    void an_event_is_written_under_its_logical_name_and_revision() {
        SerializedObject<byte[]> stored = serializer.serialize(
                new SlotHeldEvent(DoctorId.random(), SlotId.random(), AppointmentId.random()), byte[].class);

        assertThat(stored.getType()).isEqualTo(new SimpleSerializedType("healthmed.schedule.SlotHeld", "1"));
    }

    @Test
    void a_row_stored_under_the_old_class_name_reads_as_the_same_class() {
        SlotHeldEvent held = new SlotHeldEvent(DoctorId.random(), SlotId.random(), AppointmentId.random());
        byte[] payload = serializer.serialize(held, byte[].class).getData();
        SerializedType legacy = new SimpleSerializedType("br.com.healthmed.api.schedule.SlotHeldEvent", "1");

        assertThat(serializer.classForType(legacy)).isEqualTo(SlotHeldEvent.class);
        SlotHeldEvent read = serializer.deserialize(new SimpleSerializedObject<>(payload, byte[].class, legacy));
        assertThat(read).isEqualTo(held);
    }

    @Test
    void types_without_a_logical_name_keep_their_class_name() {
        SerializedObject<byte[]> command = serializer.serialize(new ErasePatientDataCommand(PatientId.random()), byte[].class);

        assertThat(command.getType().getName()).isEqualTo(ErasePatientDataCommand.class.getName());
        assertThat(serializer.classForType(command.getType())).isEqualTo(ErasePatientDataCommand.class);
    }

    @Test
    void a_weekly_pattern_keeps_its_wall_clock_intent_through_a_round_trip() {
        WeeklyPatternPublishedEvent pattern = new WeeklyPatternPublishedEvent(DoctorId.random(), PatternId.random(),
                List.of(DayOfWeek.WEDNESDAY, DayOfWeek.MONDAY), LocalTime.of(8, 0), LocalTime.of(12, 0), 30,
                LocalDate.of(2027, 3, 1), LocalDate.of(2027, 3, 31), "America/Sao_Paulo", 72);
        SerializedObject<String> stored = serializer.serialize(pattern, String.class);

        assertThat(stored.getType()).isEqualTo(new SimpleSerializedType("healthmed.schedule.WeeklyPatternPublished", "1"));
        assertThat(stored.getData()).contains("\"weekdays\":[\"MONDAY\",\"WEDNESDAY\"]", "\"startTime\":\"08:00:00\"",
                "\"fromDate\":\"2027-03-01\"", "\"timeZone\":\"America/Sao_Paulo\"");
        WeeklyPatternPublishedEvent read = serializer.deserialize(stored);
        assertThat(read).isEqualTo(pattern);
    }

    @Test
    void one_name_never_means_two_classes() {
        assertThatThrownBy(() -> types.with(String.class, "healthmed.schedule.SlotHeld"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> types.with(String.class, "healthmed.misc.Text", "br.com.healthmed.api.schedule.SlotHeldEvent"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
