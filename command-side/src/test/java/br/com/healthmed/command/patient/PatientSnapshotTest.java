package br.com.healthmed.command.patient;

import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.common.TimeRange;
import br.com.healthmed.api.patient.ErasePatientDataCommand;
import br.com.healthmed.api.patient.PatientDataErasedEvent;
import br.com.healthmed.api.patient.PatientId;
import br.com.healthmed.api.patient.PatientRegisteredEvent;
import br.com.healthmed.api.patient.PatientTimeBlockedEvent;
import br.com.healthmed.api.patient.PatientTimeConfirmedEvent;
import br.com.healthmed.api.patient.PatientTimeReleasedEvent;
import br.com.healthmed.command.support.InMemoryAccountRegistry;
import br.com.healthmed.command.support.InMemoryPersonalDataVault;
import br.com.healthmed.command.support.SpringLikeObjectMapper;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.TestExecutor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static br.com.healthmed.command.support.DomainTesting.NOW;
import static br.com.healthmed.command.support.DomainTesting.actingAs;
import static br.com.healthmed.command.support.DomainTesting.inHours;
import static org.assertj.core.api.Assertions.assertThat;

/** A Patient restored from a snapshot (Axon's Jackson serializer, Spring's ObjectMapper) behaves as one rebuilt from events. */
class PatientSnapshotTest {

    enum Source {
        EVENTS("rebuilt from its events"),
        SNAPSHOT("restored from its snapshot");

        private final String description;

        Source(String description) {
            this.description = description;
        }

        @Override
        public String toString() {
            return description;
        }
    }

    private final Serializer serializer = JacksonSerializer.builder().objectMapper(SpringLikeObjectMapper.create()).build();
    private final InMemoryPersonalDataVault vault = new InMemoryPersonalDataVault();
    private final InMemoryAccountRegistry accounts = new InMemoryAccountRegistry();
    private final PatientId patientId = PatientId.random();
    private final AppointmentId active = AppointmentId.random();
    private final AppointmentId released = AppointmentId.random();
    private final TimeRange activeTime = new TimeRange(inHours(24), inHours(25));
    private final TimeRange releasedTime = new TimeRange(inHours(30), inHours(31));
    private List<Object> history;
    private FixtureConfiguration<Patient> fixture;

    @BeforeEach
    void setUp() {
        var subject = patientId.value();
        history = new ArrayList<>(List.of(
                new PatientRegisteredEvent(patientId, vault.seal(subject, "Maria Silva"), vault.seal(subject, "maria@example.com"),
                        vault.seal(subject, "52998224725"), vault.seal(subject, "5511987654321"), vault.seal(subject, "1990-05-17")),
                new PatientTimeBlockedEvent(patientId, active, activeTime.start(), activeTime.end()),
                new PatientTimeBlockedEvent(patientId, released, releasedTime.start(), releasedTime.end()),
                new PatientTimeReleasedEvent(patientId, released)));
        fixture = newFixture();
    }

    private FixtureConfiguration<Patient> newFixture() {
        FixtureConfiguration<Patient> configured = new AggregateTestFixture<>(Patient.class);
        configured.registerInjectableResource(vault);
        configured.registerInjectableResource(accounts);
        return configured;
    }

    private SerializedObject<byte[]> snapshot() {
        AtomicReference<SerializedObject<byte[]>> serialized = new AtomicReference<>();
        newFixture().given(history)
                .whenInvoking(patientId.toString(), patient -> serialized.set(serializer.serialize(patient, byte[].class)));
        return serialized.get();
    }

    private TestExecutor<Patient> given(Source source) {
        if (source == Source.EVENTS) {
            return fixture.given(history);
        }
        SerializedObject<byte[]> snapshot = snapshot();
        return fixture.givenState(() -> serializer.deserialize(snapshot));
    }

    @Test
    void the_snapshot_holds_the_active_appointments_and_serialises_back_identically() {
        SerializedObject<byte[]> snapshot = snapshot();
        String json = new String(snapshot.getData(), StandardCharsets.UTF_8);
        Patient restored = serializer.deserialize(snapshot);

        assertThat(new String(serializer.serialize(restored, byte[].class).getData(), StandardCharsets.UTF_8)).isEqualTo(json);
        assertThat(json).contains(active.toString()).doesNotContain(released.toString(), "Maria", "52998224725");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Source.class)
    void an_overlapping_request_conflicts_with_the_active_appointment(Source source) {
        given(source)
                .whenInvoking(patientId.toString(), patient -> patient.blockTime(AppointmentId.random(), activeTime))
                .expectException(PatientScheduleConflictException.class);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Source.class)
    void the_released_appointments_time_is_free(Source source) {
        AppointmentId next = AppointmentId.random();
        given(source)
                .whenInvoking(patientId.toString(), patient -> patient.blockTime(next, releasedTime))
                .expectEvents(new PatientTimeBlockedEvent(patientId, next, releasedTime.start(), releasedTime.end()));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Source.class)
    void the_active_appointment_is_released_once(Source source) {
        given(source)
                .whenInvoking(patientId.toString(), patient -> patient.releaseTime(active))
                .expectEvents(new PatientTimeReleasedEvent(patientId, active));
        fixture = newFixture();
        given(source)
                .whenInvoking(patientId.toString(), patient -> patient.releaseTime(released))
                .expectNoEvents();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Source.class)
    void an_erased_patient_stays_erased(Source source) {
        history.add(new PatientDataErasedEvent(patientId));
        given(source)
                .whenInvoking(patientId.toString(), patient -> patient.blockTime(AppointmentId.random(), releasedTime))
                .expectException(PatientNotFoundException.class);
        fixture = newFixture();
        given(source)
                .when(new ErasePatientDataCommand(patientId), actingAs(Role.PATIENT, patientId.value()))
                .expectNoEvents();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Source.class)
    void the_pending_requests_count_survives_the_snapshot_and_a_confirmed_one_no_longer_counts(Source source) {
        AppointmentId confirmed = AppointmentId.random();
        history.add(new PatientTimeBlockedEvent(patientId, confirmed, inHours(40), inHours(41)));
        history.add(new PatientTimeConfirmedEvent(patientId, confirmed));
        history.add(new PatientTimeBlockedEvent(patientId, AppointmentId.random(), inHours(42), inHours(43)));
        given(source)
                .whenInvoking(patientId.toString(),
                        patient -> patient.requestTime(AppointmentId.random(), new TimeRange(inHours(44), inHours(45)), NOW, 2))
                .expectException(PendingRequestLimitReachedException.class);
        fixture = newFixture();
        AppointmentId third = AppointmentId.random();
        given(source)
                .whenInvoking(patientId.toString(),
                        patient -> patient.requestTime(third, new TimeRange(inHours(44), inHours(45)), NOW, 3))
                .expectEvents(new PatientTimeBlockedEvent(patientId, third, inHours(44), inHours(45)));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Source.class)
    void a_pending_request_whose_time_has_passed_no_longer_counts(Source source) {
        AppointmentId next = AppointmentId.random();
        given(source)
                .whenInvoking(patientId.toString(),
                        patient -> patient.requestTime(next, releasedTime, inHours(26), 1))
                .expectEvents(new PatientTimeBlockedEvent(patientId, next, releasedTime.start(), releasedTime.end()));
    }
}
