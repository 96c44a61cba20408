package br.com.healthmed.query.agenda;

import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.doctor.DoctorVerifiedEvent;
import br.com.healthmed.api.doctor.Specialty;
import br.com.healthmed.api.schedule.SlotHeldEvent;
import br.com.healthmed.api.schedule.SlotId;
import br.com.healthmed.api.schedule.SlotMovedEvent;
import br.com.healthmed.api.schedule.SlotReleasedEvent;
import br.com.healthmed.api.schedule.SlotRemovedEvent;
import br.com.healthmed.query.doctor.DoctorProjection;
import br.com.healthmed.query.doctor.Doctors;
import br.com.healthmed.query.support.Feeder;
import br.com.healthmed.query.support.ReadModelFixture;
import br.com.healthmed.query.support.RecordedAgendaChanges;
import br.com.healthmed.query.support.TestEvents;
import br.com.healthmed.testing.SharedInfrastructure;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The slots view and the agenda queries, run against the emulator and, where Docker exists, a real MongoDB; the public
 * agenda through its real Redis cache.
 */
abstract class AgendaQueriesContract {

    private static final BookingNotice NOTICE = ReadModelFixture.NOTICE;

    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private final Instant from = now.plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS);
    private final Instant to = from.plus(Duration.ofDays(1));
    private final DoctorId doctor = DoctorId.random();
    private final DoctorId otherDoctor = DoctorId.random();

    private ReadModelFixture fixture;
    private Feeder feeder;
    private Agendas agendas;
    private LettuceConnectionFactory redis;
    private AgendaCache cache;

    abstract ReadModelFixture fixture();

    @BeforeEach
    void setUp() {
        fixture = fixture();
        // Projections announce changes to a recorder here, so nothing bumps a cached agenda's version behind a test.
        feeder = new Feeder(new AgendaProjection(fixture.mongo(), new RecordedAgendaChanges()),
                fixture.doctorProjection());
        agendas = new Agendas(fixture.mongo());
        var redisAddress = new RedisStandaloneConfiguration("127.0.0.1", SharedInfrastructure.redis().port());
        redisAddress.setDatabase(SharedInfrastructure.nextRedisDatabase());
        redis = new LettuceConnectionFactory(redisAddress);
        redis.afterPropertiesSet();
        redis.start();
        cache = new AgendaCache(new StringRedisTemplate(redis), JsonMapper.builder().findAndAddModules().build(),
                new AgendaCacheProperties(Duration.ofMinutes(5), 3, Duration.ofSeconds(5), Duration.ofSeconds(2)), Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        redis.destroy();
        fixture.close();
    }

    /** The public agenda as a replica whose clock reads {@code at} serves it, sharing the one Redis cache. */
    private List<String> offeredAt(Instant at, DoctorId owner) {
        var publicAgenda = new PublicAgenda(agendas, new Doctors(fixture.mongo()), cache, NOTICE, Clock.fixed(at, ZoneOffset.UTC));
        return publicAgenda.offer(owner.toString(), null, null).slots().stream().map(AgendaCache.CachedSlot::slotId).toList();
    }

    private DoctorId verifiedDoctor() {
        DoctorId verified = DoctorId.random();
        feeder.feed(now, new TestEvents(fixture.keys()).doctorRegistered(verified, "Dra. Olga Tavares", Specialty.PEDIATRIA,
                "190.00"), new DoctorVerifiedEvent(verified));
        return verified;
    }

    private SlotId published(DoctorId owner, Instant start) {
        SlotId slot = SlotId.random();
        feeder.feed(now, TestEvents.slot(owner, slot, start));
        return slot;
    }

    private static List<String> ids(List<SlotDocument> slots) {
        return slots.stream().map(SlotDocument::id).toList();
    }

    @Test
    void free_slots_are_the_doctors_own_in_the_half_open_window_earliest_first() {
        SlotId evening = published(doctor, from.plus(Duration.ofHours(10)));
        SlotId atFrom = published(doctor, from);
        SlotId morning = published(doctor, from.plus(Duration.ofHours(2)));
        published(doctor, from.minus(Duration.ofMinutes(30)));
        published(doctor, to);
        published(otherDoctor, from.plus(Duration.ofHours(1)));

        List<SlotDocument> free = agendas.free(doctor.toString(), from, to);

        assertThat(ids(free)).containsExactly(atFrom.toString(), morning.toString(), evening.toString());
        assertThat(free.getFirst()).isEqualTo(new SlotDocument(atFrom.toString(), doctor.toString(), from,
                from.plus(Duration.ofMinutes(30)), SlotDocument.Status.FREE, null));
        assertThat(agendas.free(otherDoctor.toString(), from, to)).hasSize(1);
        assertThat(agendas.free(DoctorId.random().toString(), from, to)).isEmpty();
    }

    @Test
    void a_held_slot_leaves_the_free_slots_and_comes_back_when_released() {
        SlotId first = published(doctor, from);
        SlotId second = published(doctor, from.plus(Duration.ofHours(1)));
        AppointmentId appointment = AppointmentId.random();

        feeder.feed(now, new SlotHeldEvent(doctor, first, appointment));
        assertThat(ids(agendas.free(doctor.toString(), from, to))).containsExactly(second.toString());

        feeder.feed(now, new SlotReleasedEvent(doctor, first, appointment));
        assertThat(ids(agendas.free(doctor.toString(), from, to))).containsExactly(first.toString(), second.toString());
        assertThat(agendas.free(doctor.toString(), from, to).getFirst().appointmentId()).isNull();
    }

    @Test
    void moved_and_removed_slots_are_found_where_they_are_now() {
        SlotId moving = published(doctor, from);
        SlotId staying = published(doctor, from.plus(Duration.ofHours(1)));
        SlotId removed = published(doctor, from.plus(Duration.ofHours(2)));

        Instant laterThatDay = from.plus(Duration.ofHours(3));
        feeder.feed(now, new SlotMovedEvent(doctor, moving, laterThatDay, laterThatDay.plus(Duration.ofMinutes(30))),
                new SlotRemovedEvent(doctor, removed));
        assertThat(ids(agendas.free(doctor.toString(), from, to))).containsExactly(staying.toString(), moving.toString());
        assertThat(ids(agendas.own(doctor.toString(), from, to))).containsExactly(staying.toString(), moving.toString());

        Instant nextWeek = from.plus(Duration.ofDays(7));
        feeder.feed(now, new SlotMovedEvent(doctor, moving, nextWeek, nextWeek.plus(Duration.ofMinutes(30))));
        assertThat(ids(agendas.free(doctor.toString(), from, to))).containsExactly(staying.toString());
        assertThat(ids(agendas.free(doctor.toString(), nextWeek, nextWeek.plus(Duration.ofDays(1)))))
                .containsExactly(moving.toString());
    }

    @Test
    void the_own_agenda_shows_free_and_held_slots_with_the_appointment_and_nothing_of_other_doctors() {
        SlotId held = published(doctor, from.plus(Duration.ofHours(1)));
        SlotId free = published(doctor, from);
        SlotId outside = published(doctor, to.plus(Duration.ofHours(1)));
        SlotId othersHeld = published(otherDoctor, from.plus(Duration.ofHours(2)));
        AppointmentId appointment = AppointmentId.random();
        feeder.feed(now, new SlotHeldEvent(doctor, held, appointment),
                new SlotHeldEvent(otherDoctor, othersHeld, AppointmentId.random()));

        List<SlotDocument> own = agendas.own(doctor.toString(), from, to);

        assertThat(own).containsExactly(
                new SlotDocument(free.toString(), doctor.toString(), from, from.plus(Duration.ofMinutes(30)),
                        SlotDocument.Status.FREE, null),
                new SlotDocument(held.toString(), doctor.toString(), from.plus(Duration.ofHours(1)),
                        from.plus(Duration.ofMinutes(90)), SlotDocument.Status.HELD, appointment.toString()));
        assertThat(ids(agendas.own(doctor.toString(), from, to.plus(Duration.ofDays(1)))))
                .containsExactly(free.toString(), held.toString(), outside.toString());
    }

    @Test
    void a_replay_after_a_reset_gives_the_same_answers() {
        SlotId held = published(doctor, from);
        published(doctor, from.plus(Duration.ofHours(1)));
        published(otherDoctor, from);
        feeder.feed(now, new SlotHeldEvent(doctor, held, AppointmentId.random()));
        List<SlotDocument> freeBefore = agendas.free(doctor.toString(), from, to);
        List<SlotDocument> ownBefore = agendas.own(doctor.toString(), from, to);

        feeder.reset();
        assertThat(agendas.own(doctor.toString(), from, to)).isEmpty();
        feeder.redeliver();

        assertThat(agendas.free(doctor.toString(), from, to)).isEqualTo(freeBefore);
        assertThat(agendas.own(doctor.toString(), from, to)).isEqualTo(ownBefore).hasSize(2);
    }

    @Test
    void the_public_agenda_offers_a_slot_starting_exactly_at_the_minimum_notice_and_not_one_a_minute_earlier() {
        DoctorId verified = verifiedDoctor();
        Instant earliestBookable = now.plus(NOTICE.minimumNotice());
        published(verified, earliestBookable.minus(Duration.ofMinutes(1)));
        SlotId atTheNotice = published(verified, earliestBookable);
        SlotId later = published(verified, earliestBookable.plus(Duration.ofHours(1)));
        published(verified, now.plus(Duration.ofMinutes(10)));

        assertThat(offeredAt(now, verified)).containsExactly(atTheNotice.toString(), later.toString());
        assertThat(agendas.free(verified.toString(), now, to)).as("all four are free, only two can be booked").hasSize(4);
    }

    @Test
    void a_cached_agenda_stops_offering_a_slot_once_it_falls_inside_the_minimum_notice() {
        DoctorId verified = verifiedDoctor();
        Instant earliestBookable = now.plus(NOTICE.minimumNotice());
        SlotId atTheNotice = published(verified, earliestBookable);
        SlotId later = published(verified, earliestBookable.plus(Duration.ofHours(1)));
        assertThat(offeredAt(now, verified)).containsExactly(atTheNotice.toString(), later.toString());
        String cachedUnder = cache.currentKey(verified.toString()).orElseThrow();
        // Not announced to the cache: if the next read saw it, the answer would not have come from the cached entry.
        SlotId unannounced = published(verified, earliestBookable.plus(Duration.ofHours(2)));

        Instant aMinuteLater = now.plus(Duration.ofMinutes(1));
        assertThat(offeredAt(aMinuteLater, verified)).containsExactly(later.toString()).doesNotContain(unannounced.toString());
        assertThat(cache.currentKey(verified.toString())).contains(cachedUnder);
        assertThat(offeredAt(now.plus(Duration.ofHours(1)), verified)).containsExactly(later.toString());
        assertThat(offeredAt(now.plus(Duration.ofHours(1)).plusMillis(1), verified)).isEmpty();
    }
}
