package br.com.healthmed.query.doctor;

import br.com.healthmed.api.doctor.ConsultationPriceChangedEvent;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.doctor.DoctorReactivatedEvent;
import br.com.healthmed.api.doctor.DoctorRegistrationRejectedEvent;
import br.com.healthmed.api.doctor.DoctorVerificationLapsedEvent;
import br.com.healthmed.api.doctor.DoctorVerificationRevokedEvent;
import br.com.healthmed.api.doctor.DoctorVerifiedEvent;
import br.com.healthmed.api.doctor.Specialty;
import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.schedule.SlotHeldEvent;
import br.com.healthmed.api.schedule.SlotId;
import br.com.healthmed.api.schedule.SlotMovedEvent;
import br.com.healthmed.api.schedule.SlotReleasedEvent;
import br.com.healthmed.api.schedule.SlotRemovedEvent;
import br.com.healthmed.query.support.Feeder;
import br.com.healthmed.query.support.IndexKeys;
import br.com.healthmed.query.support.ReadModelFixture;
import br.com.healthmed.query.support.RecordedSearchChanges;
import br.com.healthmed.query.support.TestEvents;
import br.com.healthmed.query.web.NotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The doctors view and its queries, run against the emulator and, where Docker exists, a real MongoDB. */
abstract class DoctorQueriesContract {

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final Instant tomorrow = now.plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);

    ReadModelFixture fixture;
    private TestEvents events;
    private Feeder feeder;
    private Doctors doctors;

    abstract ReadModelFixture fixture();

    @BeforeEach
    void setUp() {
        fixture = fixture();
        events = new TestEvents(fixture.keys());
        feeder = new Feeder(fixture.doctorProjection());
        doctors = new Doctors(fixture.mongo());
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    DoctorId verifiedDoctor(String name, Specialty specialty, String price, Instant... slotStarts) {
        DoctorId doctor = DoctorId.random();
        feeder.feed(now, events.doctorRegistered(doctor, name, specialty, price), new DoctorVerifiedEvent(doctor));
        for (Instant start : slotStarts) {
            feeder.feed(now, TestEvents.slot(doctor, SlotId.random(), start));
        }
        return doctor;
    }

    private List<String> ids(Doctors.Page page) {
        return page.doctors().stream().map(DoctorDocument::id).toList();
    }

    @Test
    void search_filters_verified_doctors_by_specialty_name_and_price_and_sorts_by_next_free_slot_then_name() {
        DoctorId ana = verifiedDoctor("Ana Souza", Specialty.CARDIOLOGIA, "200.00", tomorrow.plus(Duration.ofDays(1)));
        DoctorId bruno = verifiedDoctor("Bruno Lima", Specialty.CARDIOLOGIA, "150.00", tomorrow);
        DoctorId carla = verifiedDoctor("Carla Dias", Specialty.CARDIOLOGIA, "300.00");
        DoctorId alvaro = verifiedDoctor("Álvaro Reis", Specialty.CARDIOLOGIA, "180.00", tomorrow, tomorrow.plus(Duration.ofDays(3)));
        verifiedDoctor("Diana Melo", Specialty.DERMATOLOGIA, "100.00", tomorrow);
        DoctorId unverified = DoctorId.random();
        feeder.feed(now, events.doctorRegistered(unverified, "Ana Unverified", Specialty.CARDIOLOGIA, "100.00"),
                TestEvents.slot(unverified, SlotId.random(), tomorrow));

        var cardiology = doctors.search(new Doctors.Search(Specialty.CARDIOLOGIA, null, null), 0, 10, false);
        assertThat(ids(cardiology)).containsExactly(alvaro.toString(), bruno.toString(), ana.toString(), carla.toString());
        assertThat(cardiology.totalElements()).isEqualTo(4);
        assertThat(cardiology.doctors().getFirst().nextFreeSlot()).isEqualTo(tomorrow);
        assertThat(cardiology.doctors().getLast().nextFreeSlot()).isNull();

        assertThat(ids(doctors.search(new Doctors.Search(null, "alvaro", null), 0, 10, false))).containsExactly(alvaro.toString());
        assertThat(ids(doctors.search(new Doctors.Search(null, "LIMA", null), 0, 10, false))).containsExactly(bruno.toString());
        assertThat(ids(doctors.search(new Doctors.Search(null, "a.*", null), 0, 10, false))).isEmpty();
        assertThat(ids(doctors.search(new Doctors.Search(Specialty.CARDIOLOGIA, null, 18_000L), 0, 10, false)))
                .containsExactly(alvaro.toString(), bruno.toString());

        var secondPage = doctors.search(new Doctors.Search(Specialty.CARDIOLOGIA, null, null), 1, 2, false);
        assertThat(ids(secondPage)).containsExactly(ana.toString(), carla.toString());
        assertThat(secondPage.totalElements()).isEqualTo(4);
        assertThat(doctors.search(new Doctors.Search(null, null, null), 0, 10, false).totalElements()).isEqualTo(5);
    }

    @Test
    void a_page_knows_whether_another_follows_and_gives_the_total_on_the_last_page_or_when_asked() {
        DoctorId first = verifiedDoctor("Ana Souza", Specialty.CARDIOLOGIA, "200.00", tomorrow);
        DoctorId second = verifiedDoctor("Bruno Lima", Specialty.CARDIOLOGIA, "150.00", tomorrow.plus(Duration.ofHours(1)));
        DoctorId third = verifiedDoctor("Carla Dias", Specialty.CARDIOLOGIA, "300.00", tomorrow.plus(Duration.ofHours(2)));
        Doctors.Search cardiology = new Doctors.Search(Specialty.CARDIOLOGIA, null, null);

        Doctors.Page firstPage = doctors.search(cardiology, 0, 2, false);
        assertThat(ids(firstPage)).containsExactly(first.toString(), second.toString());
        assertThat(firstPage.hasNext()).isTrue();
        assertThat(firstPage.totalElements()).as("not counted unless asked").isNull();
        assertThat(doctors.search(cardiology, 0, 2, true).totalElements()).isEqualTo(3);

        Doctors.Page lastPage = doctors.search(cardiology, 1, 2, false);
        assertThat(ids(lastPage)).containsExactly(third.toString());
        assertThat(lastPage.hasNext()).isFalse();
        assertThat(lastPage.totalElements()).as("known from the last page itself").isEqualTo(3);

        Doctors.Page exactlyFull = doctors.search(cardiology, 0, 3, false);
        assertThat(exactlyFull.hasNext()).isFalse();
        assertThat(exactlyFull.totalElements()).isEqualTo(3);

        Doctors.Page beyond = doctors.search(cardiology, 5, 2, false);
        assertThat(beyond.doctors()).isEmpty();
        assertThat(beyond.hasNext()).isFalse();
        assertThat(beyond.totalElements()).as("an empty page past the end cannot tell").isNull();
        assertThat(doctors.search(cardiology, 5, 2, true).totalElements()).isEqualTo(3);

        Doctors.Page none = doctors.search(new Doctors.Search(Specialty.UROLOGIA, null, null), 0, 2, false);
        assertThat(none.doctors()).isEmpty();
        assertThat(none.totalElements()).isZero();
    }

    @Test
    void the_declared_search_indexes_are_created_with_equality_then_sort_then_range_keys() {
        verifiedDoctor("Ana Souza", Specialty.CARDIOLOGIA, "200.00");

        assertThat(IndexKeys.byName(fixture.mongo(), DoctorDocument.COLLECTION))
                .containsEntry(DoctorDocument.SEARCH_INDEX,
                        List.of("verified:1", "availability:1", "nameKey:1", "_id:1", "priceCents:1"))
                .containsEntry(DoctorDocument.SEARCH_BY_SPECIALTY_INDEX,
                        List.of("verified:1", "specialty:1", "availability:1", "nameKey:1", "_id:1", "priceCents:1"));
    }

    @Test
    void a_batch_of_events_leaves_the_same_view_as_handling_them_one_by_one() {
        DoctorId oneByOne = DoctorId.random();
        DoctorId batched = DoctorId.random();
        for (DoctorId doctor : List.of(oneByOne, batched)) {
            SlotId first = SlotId.random();
            SlotId second = SlotId.random();
            SlotId third = SlotId.random();
            AppointmentId appointment = AppointmentId.random();
            Object[] history = {events.doctorRegistered(doctor, "Ana Souza", Specialty.CARDIOLOGIA, "200.00"),
                    new DoctorVerifiedEvent(doctor),
                    TestEvents.slot(doctor, first, tomorrow),
                    TestEvents.slot(doctor, second, tomorrow.plus(Duration.ofHours(1))),
                    TestEvents.slot(doctor, third, tomorrow.plus(Duration.ofHours(2))),
                    new SlotHeldEvent(doctor, first, appointment),
                    new SlotRemovedEvent(doctor, second),
                    new ConsultationPriceChangedEvent(doctor, br.com.healthmed.api.common.Money.brl("210.00"))};
            if (doctor == batched) {
                feeder.feedAsOneBatch(now, history);
            } else {
                feeder.feed(now, history);
            }
        }

        DoctorDocument expected = doctors.find(oneByOne.toString()).orElseThrow();
        DoctorDocument found = doctors.find(batched.toString()).orElseThrow();
        assertThat(found.nextFreeSlot()).isEqualTo(tomorrow.plus(Duration.ofHours(2))).isEqualTo(expected.nextFreeSlot());
        assertThat(found).usingRecursiveComparison().ignoringFields("id").isEqualTo(expected);
    }

    @Test
    void specialties_count_only_verified_doctors() {
        verifiedDoctor("Ana Souza", Specialty.CARDIOLOGIA, "200.00");
        verifiedDoctor("Bruno Lima", Specialty.CARDIOLOGIA, "150.00");
        verifiedDoctor("Diana Melo", Specialty.DERMATOLOGIA, "100.00");
        DoctorId unverified = DoctorId.random();
        feeder.feed(now, events.doctorRegistered(unverified, "Eva Unverified", Specialty.CARDIOLOGIA, "100.00"));

        assertThat(doctors.verifiedPerSpecialty()).containsOnly(
                java.util.Map.entry("CARDIOLOGIA", 2L), java.util.Map.entry("DERMATOLOGIA", 1L));
    }

    @Test
    void a_deactivated_doctor_leaves_search_profile_and_counts_until_reactivated() {
        DoctorId ana = verifiedDoctor("Ana Souza", Specialty.CARDIOLOGIA, "200.00", tomorrow);
        DoctorId bruno = verifiedDoctor("Bruno Lima", Specialty.CARDIOLOGIA, "150.00", tomorrow);

        feeder.feed(now, events.doctorDeactivated(ana));

        assertThat(ids(doctors.search(new Doctors.Search(null, null, null), 0, 10, false))).containsExactly(bruno.toString());
        assertThatThrownBy(() -> doctors.findVerified(ana.toString())).isInstanceOf(NotFoundException.class);
        assertThat(doctors.verifiedPerSpecialty()).containsOnly(java.util.Map.entry("CARDIOLOGIA", 1L));

        feeder.feed(now, new DoctorReactivatedEvent(ana));

        assertThat(ids(doctors.search(new Doctors.Search(null, null, null), 0, 10, false))).containsExactlyInAnyOrder(ana.toString(), bruno.toString());
        assertThat(doctors.findVerified(ana.toString()).id()).isEqualTo(ana.toString());
    }

    @Test
    void verification_while_deactivated_waits_for_reactivation_and_an_unverified_doctor_stays_unlisted() {
        DoctorId verifiedLater = DoctorId.random();
        DoctorId neverVerified = DoctorId.random();
        feeder.feedAsOneBatch(now, events.doctorRegistered(verifiedLater, "Carla Dias", Specialty.CARDIOLOGIA, "120.00"),
                events.doctorDeactivated(verifiedLater), new DoctorVerifiedEvent(verifiedLater),
                events.doctorRegistered(neverVerified, "Davi Reis", Specialty.CARDIOLOGIA, "110.00"),
                events.doctorDeactivated(neverVerified), new DoctorReactivatedEvent(neverVerified));

        assertThat(ids(doctors.search(new Doctors.Search(null, null, null), 0, 10, false))).isEmpty();

        feeder.feed(now, new DoctorReactivatedEvent(verifiedLater));

        assertThat(ids(doctors.search(new Doctors.Search(null, null, null), 0, 10, false))).containsExactly(verifiedLater.toString());
    }

    @Test
    void a_revoked_doctor_leaves_search_for_good_and_a_reactivation_does_not_list_them_again() {
        DoctorId ana = verifiedDoctor("Ana Souza", Specialty.CARDIOLOGIA, "200.00", tomorrow);
        DoctorId bruno = verifiedDoctor("Bruno Lima", Specialty.CARDIOLOGIA, "150.00", tomorrow);

        feeder.feed(now, new DoctorVerificationRevokedEvent(ana, fixture.keys().seal(ana.value(), "CRM de outra pessoa")),
                new DoctorReactivatedEvent(ana));

        assertThat(ids(doctors.search(new Doctors.Search(null, null, null), 0, 10, false))).containsExactly(bruno.toString());
        assertThatThrownBy(() -> doctors.findVerified(ana.toString())).isInstanceOf(NotFoundException.class);
        assertThat(doctors.verifiedPerSpecialty()).containsOnly(java.util.Map.entry("CARDIOLOGIA", 1L));
    }

    @Test
    void a_rejected_registration_is_never_listed() {
        DoctorId rejected = DoctorId.random();
        feeder.feedAsOneBatch(now, events.doctorRegistered(rejected, "Carla Dias", Specialty.CARDIOLOGIA, "120.00"),
                TestEvents.slot(rejected, SlotId.random(), tomorrow),
                new DoctorRegistrationRejectedEvent(rejected, fixture.keys().seal(rejected.value(), "CRM de outra pessoa")));

        assertThat(ids(doctors.search(new Doctors.Search(null, null, null), 0, 10, false))).isEmpty();
        assertThatThrownBy(() -> doctors.findVerified(rejected.toString())).isInstanceOf(NotFoundException.class);
    }

    @Test
    void a_doctor_whose_verification_lapsed_is_unlisted_until_verified_again() {
        DoctorId ana = verifiedDoctor("Ana Souza", Specialty.CARDIOLOGIA, "200.00", tomorrow);

        feeder.feed(now, new DoctorVerificationLapsedEvent(ana));

        assertThat(ids(doctors.search(new Doctors.Search(null, null, null), 0, 10, false))).isEmpty();
        assertThatThrownBy(() -> doctors.findVerified(ana.toString())).isInstanceOf(NotFoundException.class);

        feeder.feed(now, new DoctorVerifiedEvent(ana));

        assertThat(ids(doctors.search(new Doctors.Search(null, null, null), 0, 10, false))).containsExactly(ana.toString());
    }

    @Test
    void next_free_slot_follows_holds_releases_moves_and_removals() {
        SlotId first = SlotId.random();
        SlotId second = SlotId.random();
        DoctorId doctor = verifiedDoctor("Ana Souza", Specialty.CARDIOLOGIA, "200.00");
        Instant later = tomorrow.plus(Duration.ofHours(2));
        feeder.feed(now, TestEvents.slot(doctor, first, tomorrow), TestEvents.slot(doctor, second, later));
        assertThat(nextFreeSlot(doctor)).isEqualTo(tomorrow);

        AppointmentId appointment = AppointmentId.random();
        feeder.feed(now, new SlotHeldEvent(doctor, first, appointment));
        assertThat(nextFreeSlot(doctor)).isEqualTo(later);

        feeder.feed(now, new SlotReleasedEvent(doctor, first, appointment));
        assertThat(nextFreeSlot(doctor)).isEqualTo(tomorrow);

        Instant moved = later.plus(Duration.ofHours(1));
        feeder.feed(now, new SlotMovedEvent(doctor, first, moved, moved.plus(Duration.ofMinutes(30))));
        assertThat(nextFreeSlot(doctor)).isEqualTo(later);

        feeder.feed(now, new SlotRemovedEvent(doctor, second), new SlotRemovedEvent(doctor, first));
        assertThat(nextFreeSlot(doctor)).isNull();
        assertThat(doctors.search(new Doctors.Search(Specialty.CARDIOLOGIA, null, null), 0, 10, false).doctors()).hasSize(1);
    }

    @Test
    void a_slot_stops_being_the_next_free_one_before_it_falls_inside_the_booking_notice() {
        // Bookable now (notice 2 h), and still bookable when the refresher next runs (every minute).
        Instant soon = now.plus(Duration.ofHours(3));
        DoctorId doctor = verifiedDoctor("Ana Souza", Specialty.CARDIOLOGIA, "200.00", soon, tomorrow);
        DoctorProjection projection = fixture.doctorProjection();
        assertThat(nextFreeSlot(doctor)).isEqualTo(soon);

        Instant lastMomentShown = soon.minus(Duration.ofHours(2)).minus(Duration.ofMinutes(1));
        assertThat(projection.refreshUnbookableAvailability(lastMomentShown)).isZero();
        assertThat(nextFreeSlot(doctor)).isEqualTo(soon);

        assertThat(projection.refreshUnbookableAvailability(lastMomentShown.plusMillis(1))).isEqualTo(1);
        assertThat(nextFreeSlot(doctor)).isEqualTo(tomorrow);
    }

    @Test
    void every_change_a_search_can_show_is_announced_and_a_booking_that_moves_no_next_free_slot_is_not() {
        RecordedSearchChanges changes = new RecordedSearchChanges();
        DoctorProjection projection = fixture.doctorProjection(changes);
        Feeder announcing = new Feeder(projection);
        DoctorId doctor = DoctorId.random();
        SlotId first = SlotId.random();
        SlotId second = SlotId.random();

        announcing.feedAsOneBatch(now, events.doctorRegistered(doctor, "Ana Souza", Specialty.CARDIOLOGIA, "200.00"),
                new DoctorVerifiedEvent(doctor));
        assertThat(changes.changedAllCount()).as("once per batch").isEqualTo(1);

        announcing.feed(now, TestEvents.slot(doctor, first, tomorrow));
        assertThat(changes.changedSpecialties()).as("a next free slot appeared").containsExactly("CARDIOLOGIA");
        announcing.feed(now, TestEvents.slot(doctor, second, tomorrow.plus(Duration.ofHours(2))),
                new SlotHeldEvent(doctor, second, AppointmentId.random()));
        assertThat(changes.changedSpecialties()).as("a later slot published and booked: nothing a search shows")
                .containsExactly("CARDIOLOGIA");
        announcing.feed(now, new SlotHeldEvent(doctor, first, AppointmentId.random()));
        assertThat(changes.changedSpecialties()).as("the next free slot booked").hasSize(2);

        announcing.feed(now, new ConsultationPriceChangedEvent(doctor, br.com.healthmed.api.common.Money.brl("210.00")),
                new DoctorVerificationLapsedEvent(doctor));
        assertThat(changes.changedAllCount()).isEqualTo(3);
        announcing.feed(now, TestEvents.slot(doctor, SlotId.random(), tomorrow.minus(Duration.ofHours(1))));
        assertThat(changes.changedSpecialties()).as("an unlisted doctor is in no search").hasSize(2);

        DoctorId soon = verifiedDoctor("Bia Lopes", Specialty.PEDIATRIA, "150.00", now.plus(Duration.ofHours(3)), tomorrow);
        Instant pastTheNotice = now.plus(Duration.ofHours(1));
        assertThat(projection.refreshUnbookableAvailability(pastTheNotice)).isEqualTo(1);
        assertThat(changes.changedSpecialties()).as("time moved a next free slot: " + soon).containsExactly(
                "CARDIOLOGIA", "CARDIOLOGIA", "PEDIATRIA");

        announcing.reset();
        assertThat(changes.changedAllCount()).as("a reset voids every search").isEqualTo(4);
    }

    @Test
    void a_slot_already_inside_the_booking_notice_is_never_the_next_free_one() {
        Instant insideTheNotice = now.plus(Duration.ofMinutes(90));
        Instant atTheNoticeButNotAfterTheNextRefresh = now.plus(Duration.ofHours(2));
        DoctorId doctor = verifiedDoctor("Ana Souza", Specialty.CARDIOLOGIA, "200.00", insideTheNotice,
                atTheNoticeButNotAfterTheNextRefresh, tomorrow);

        assertThat(nextFreeSlot(doctor)).isEqualTo(tomorrow);
        assertThat(doctors.search(new Doctors.Search(Specialty.CARDIOLOGIA, null, null), 0, 10, false).doctors())
                .singleElement().satisfies(found -> assertThat(found.nextFreeSlot()).isEqualTo(tomorrow));
    }

    @Test
    void price_changes_and_profile_fields_are_projected_with_the_name_opened() {
        DoctorId doctor = verifiedDoctor("Ana Souza", Specialty.CARDIOLOGIA, "200.00");
        feeder.feed(now, new ConsultationPriceChangedEvent(doctor, br.com.healthmed.api.common.Money.brl("250.50")));

        DoctorDocument found = doctors.find(doctor.toString()).orElseThrow();
        assertThat(found.name()).isEqualTo("Ana Souza");
        assertThat(found.nameKey()).isEqualTo("ana souza");
        assertThat(found.crmNumber()).isEqualTo("123456");
        assertThat(found.crmUf()).isEqualTo("SP");
        assertThat(found.priceCents()).isEqualTo(25_050);
        assertThat(found.verified()).isTrue();
    }

    @Test
    void a_doctor_whose_key_is_shredded_is_projected_without_name_or_crm() {
        DoctorId doctor = DoctorId.random();
        var registered = events.doctorRegistered(doctor, "Ana Souza", Specialty.CARDIOLOGIA, "200.00");
        fixture.keys().shred(doctor.value());
        feeder.feed(now, registered, new DoctorVerifiedEvent(doctor));

        DoctorDocument found = doctors.find(doctor.toString()).orElseThrow();
        assertThat(found.name()).isNull();
        assertThat(found.crmNumber()).isNull();
        assertThat(found.specialty()).isEqualTo("CARDIOLOGIA");
    }

    private Instant nextFreeSlot(DoctorId doctor) {
        return doctors.find(doctor.toString()).orElseThrow().nextFreeSlot();
    }
}
