package br.com.healthmed.command.doctor;

import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.common.Email;
import br.com.healthmed.api.common.Money;
import br.com.healthmed.api.common.PersonName;
import br.com.healthmed.api.common.TimeRange;
import br.com.healthmed.api.doctor.ConsultationPriceChangedEvent;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.doctor.DoctorRegisteredEvent;
import br.com.healthmed.api.doctor.DoctorVerifiedEvent;
import br.com.healthmed.api.doctor.Specialty;
import br.com.healthmed.api.doctor.Uf;
import br.com.healthmed.api.doctor.UpdateDoctorProfileCommand;
import br.com.healthmed.api.doctor.VerifyDoctorCommand;
import br.com.healthmed.api.schedule.SlotHeldEvent;
import br.com.healthmed.api.schedule.SlotId;
import br.com.healthmed.api.schedule.SlotMovedEvent;
import br.com.healthmed.api.schedule.SlotPublishedEvent;
import br.com.healthmed.api.schedule.SlotReleasedEvent;
import br.com.healthmed.api.schedule.SlotRemovedEvent;
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
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static br.com.healthmed.command.support.DomainTesting.BOOKING;
import static br.com.healthmed.command.support.DomainTesting.CLOCK;
import static br.com.healthmed.command.support.DomainTesting.NOW;
import static br.com.healthmed.command.support.DomainTesting.inHours;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Snapshots are the aggregate serialised by Axon's Jackson serializer with Spring's ObjectMapper. A Doctor restored
 * from one must behave exactly like a Doctor rebuilt from its events, or loading from a snapshot changes the rules.
 */
class DoctorSnapshotTest {

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
    private final DoctorId doctorId = DoctorId.random();
    private final SlotId freeSlot = SlotId.random();
    private final SlotId heldSlot = SlotId.random();
    private final SlotId movedSlot = SlotId.random();
    private final SlotId removedSlot = SlotId.random();
    private final SlotId releasedSlot = SlotId.random();
    private final AppointmentId holder = AppointmentId.random();
    private final TimeRange freeTime = hours(24, 25);
    private final TimeRange heldTime = hours(26, 27);
    private final TimeRange movedTime = hours(30, 31);
    private List<Object> history;
    private SerializedObject<byte[]> snapshot;
    private FixtureConfiguration<Doctor> fixture;

    private static TimeRange hours(long from, long to) {
        return new TimeRange(inHours(from), inHours(to));
    }

    @BeforeEach
    void setUp() {
        var subject = doctorId.value();
        AppointmentId formerHolder = AppointmentId.random();
        history = List.of(
                new DoctorRegisteredEvent(doctorId, vault.seal(subject, "Ana Souza"), vault.seal(subject, "123456"), Uf.SP,
                        vault.seal(subject, "ana@clinica.com.br"), Specialty.CARDIOLOGIA, Money.brl("250.00"), "America/Sao_Paulo"),
                new DoctorVerifiedEvent(doctorId),
                new ConsultationPriceChangedEvent(doctorId, Money.brl("310.00")),
                new SlotPublishedEvent(doctorId, freeSlot, freeTime.start(), freeTime.end()),
                new SlotPublishedEvent(doctorId, heldSlot, heldTime.start(), heldTime.end()),
                new SlotHeldEvent(doctorId, heldSlot, holder),
                new SlotPublishedEvent(doctorId, movedSlot, inHours(28), inHours(29)),
                new SlotMovedEvent(doctorId, movedSlot, movedTime.start(), movedTime.end()),
                new SlotPublishedEvent(doctorId, removedSlot, inHours(32), inHours(33)),
                new SlotRemovedEvent(doctorId, removedSlot),
                new SlotPublishedEvent(doctorId, releasedSlot, inHours(34), inHours(35)),
                new SlotHeldEvent(doctorId, releasedSlot, formerHolder),
                new SlotReleasedEvent(doctorId, releasedSlot, formerHolder));
        snapshot = snapshotOf(history);
        fixture = newFixture();
    }

    private FixtureConfiguration<Doctor> newFixture() {
        FixtureConfiguration<Doctor> configured = new AggregateTestFixture<>(Doctor.class);
        configured.registerInjectableResource(CLOCK);
        configured.registerInjectableResource(BOOKING);
        configured.registerInjectableResource(vault);
        return configured;
    }

    private SerializedObject<byte[]> snapshotOf(List<Object> events) {
        AtomicReference<SerializedObject<byte[]>> serialized = new AtomicReference<>();
        newFixture().given(events)
                .whenInvoking(doctorId.toString(), doctor -> serialized.set(serializer.serialize(doctor, byte[].class)));
        return serialized.get();
    }

    private Doctor restored() {
        return serializer.deserialize(snapshot);
    }

    private TestExecutor<Doctor> given(Source source) {
        return source == Source.EVENTS ? fixture.given(history) : fixture.givenState(this::restored);
    }

    @Test
    void the_snapshot_holds_the_whole_state_and_serialises_back_identically() {
        String json = new String(snapshot.getData(), StandardCharsets.UTF_8);

        assertThat(new String(serializer.serialize(restored(), byte[].class).getData(), StandardCharsets.UTF_8))
                .isEqualTo(json);
        assertThat(json).contains(freeSlot.toString(), heldSlot.toString(), holder.toString(), movedSlot.toString(),
                releasedSlot.toString(), "310.00", "America/Sao_Paulo", "CARDIOLOGIA");
        assertThat(json).doesNotContain(removedSlot.toString());
        assertThat(json).as("the slots kept in the doctor's stream under the name older snapshots use (revision 1)")
                .contains("\"slots\":{");
    }

    @Test
    void the_snapshot_holds_personal_data_only_sealed() {
        assertThat(new String(snapshot.getData(), StandardCharsets.UTF_8))
                .contains("sealed:v1:")
                .doesNotContain("Ana Souza", "ana@clinica.com.br");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Source.class)
    void a_new_slot_over_the_held_legacy_slot_is_rejected(Source source) {
        given(source)
                .whenInvoking(doctorId.toString(), doctor -> doctor.requireNoLegacyOverlap(hours(26, 27), null))
                .expectException(SlotOverlapException.class);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Source.class)
    void a_new_slot_back_to_back_with_legacy_ones_is_allowed(Source source) {
        given(source)
                .whenInvoking(doctorId.toString(), doctor -> doctor.requireNoLegacyOverlap(hours(25, 26), null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Source.class)
    void the_held_slot_cannot_be_held_again(Source source) {
        given(source)
                .whenInvoking(doctorId.toString(), doctor -> doctor.holdSlot(heldSlot, AppointmentId.random(), NOW, BOOKING.minimumNotice()))
                .expectException(SlotUnavailableException.class);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Source.class)
    void the_held_slot_is_released_only_for_its_appointment(Source source) {
        given(source)
                .whenInvoking(doctorId.toString(), doctor -> doctor.releaseSlot(heldSlot, holder))
                .expectEvents(new SlotReleasedEvent(doctorId, heldSlot, holder));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Source.class)
    void a_free_slot_is_held_at_the_current_price(Source source) {
        AtomicReference<HeldSlot> held = new AtomicReference<>();
        AppointmentId next = AppointmentId.random();
        given(source)
                .whenInvoking(doctorId.toString(), doctor -> held.set(doctor.holdSlot(releasedSlot, next, NOW, BOOKING.minimumNotice())))
                .expectEvents(new SlotHeldEvent(doctorId, releasedSlot, next));
        assertThat(held.get()).isEqualTo(new HeldSlot(hours(34, 35), Money.brl("310.00")));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Source.class)
    void the_moved_slot_occupies_its_new_time_only(Source source) {
        given(source)
                .whenInvoking(doctorId.toString(), doctor -> doctor.requireNoLegacyOverlap(hours(28, 29), null))
                .expectSuccessfulHandlerExecution();
        fixture = newFixture();
        given(source)
                .whenInvoking(doctorId.toString(), doctor -> doctor.requireNoLegacyOverlap(movedTime, null))
                .expectException(SlotOverlapException.class);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Source.class)
    void the_removed_slot_is_gone_and_a_free_one_can_be_removed(Source source) {
        AtomicReference<Boolean> removedIsGone = new AtomicReference<>();
        given(source)
                .whenInvoking(doctorId.toString(), doctor -> {
                    removedIsGone.set(doctor.legacySlot(removedSlot).isEmpty());
                    doctor.removeLegacySlot(freeSlot);
                })
                .expectEvents(new SlotRemovedEvent(doctorId, freeSlot));
        assertThat(removedIsGone.get()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Source.class)
    void verification_and_the_sealed_profile_survive(Source source) {
        given(source)
                .when(new VerifyDoctorCommand(doctorId))
                .expectNoEvents();
        fixture = newFixture();
        given(source)
                .when(new UpdateDoctorProfileCommand(doctorId, new PersonName("Ana Souza"), new Email("ana@clinica.com.br"),
                        Specialty.CARDIOLOGIA, Money.brl("310.00"), ZoneId.of("America/Sao_Paulo")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
