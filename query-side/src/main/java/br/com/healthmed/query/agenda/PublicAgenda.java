package br.com.healthmed.query.agenda;

import br.com.healthmed.api.common.Money;
import br.com.healthmed.query.doctor.DoctorDocument;
import br.com.healthmed.query.doctor.Doctors;
import br.com.healthmed.query.web.QueryParameters;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * What the public agenda offers: a verified doctor's free slots that a request made now would be accepted for, at the
 * doctor's current price.
 * <p>
 * The Redis entry holds every free slot from the moment it was loaded, and the minimum notice is applied on each read,
 * not when caching. The notice boundary moves with the clock, while an entry stays valid until an event bumps the
 * doctor's version: a list cut at load time would keep offering a slot that has since fallen inside the notice, and
 * keying or expiring entries by the minute would throw away a hot doctor's entry every minute. Filtering a list that is
 * already in memory costs nothing, so the entry lives until the agenda really changes.
 */
@Component
class PublicAgenda {

    /** The command side accepts slots up to 180 days ahead; a day more covers any clock skew. */
    private static final Duration PUBLISHING_HORIZON = Duration.ofDays(181);

    private final Agendas agendas;
    private final Doctors doctors;
    private final AgendaCache cache;
    private final BookingNotice notice;
    private final Clock clock;

    PublicAgenda(Agendas agendas, Doctors doctors, AgendaCache cache, BookingNotice notice, Clock clock) {
        this.agendas = agendas;
        this.doctors = doctors;
        this.cache = cache;
        this.notice = notice;
        this.clock = clock;
    }

    /** The window asked for (in the doctor's zone) and the bookable free slots starting in it, earliest first. */
    record Offer(String doctorId, ZoneId zone, Money price, Instant from, Instant to,
                 List<AgendaCache.CachedSlot> slots) {
    }

    Offer offer(String doctorId, String from, String to) {
        Instant now = clock.instant();
        AgendaCache.CachedAgenda agenda = cache.get(doctorId, () -> load(doctorId, now));
        ZoneId zone = ZoneId.of(agenda.timeZone());
        QueryParameters.Window window = QueryParameters.window(from, to, zone, now);
        Instant bookable = notice.earliestBookableStart(now);
        Instant earliest = window.from().isAfter(bookable) ? window.from() : bookable;
        List<AgendaCache.CachedSlot> slots = agenda.slots().stream()
                .filter(s -> !s.start().isBefore(earliest) && s.start().isBefore(window.to()))
                .toList();
        return new Offer(agenda.doctorId(), zone, agenda.price(), window.from(), window.to(), slots);
    }

    /** Every future free slot of a verified doctor, up to the furthest a slot may be published. */
    private AgendaCache.CachedAgenda load(String doctorId, Instant now) {
        DoctorDocument doctor = doctors.findVerified(doctorId);
        List<AgendaCache.CachedSlot> free = agendas.free(doctor.id(), now, now.plus(PUBLISHING_HORIZON))
                .stream().map(s -> new AgendaCache.CachedSlot(s.id(), s.start(), s.end())).toList();
        return new AgendaCache.CachedAgenda(doctor.id(), Doctors.zone(doctor).getId(), Doctors.price(doctor), free);
    }
}
