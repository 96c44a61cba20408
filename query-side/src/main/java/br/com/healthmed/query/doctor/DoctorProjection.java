package br.com.healthmed.query.doctor;

import br.com.healthmed.api.common.Money;
import br.com.healthmed.api.doctor.ConsultationPriceChangedEvent;
import br.com.healthmed.api.doctor.DoctorDeactivatedEvent;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.doctor.DoctorProfileUpdatedEvent;
import br.com.healthmed.api.doctor.DoctorReactivatedEvent;
import br.com.healthmed.api.doctor.DoctorRegisteredEvent;
import br.com.healthmed.api.doctor.DoctorRegistrationRejectedEvent;
import br.com.healthmed.api.doctor.DoctorVerificationLapsedEvent;
import br.com.healthmed.api.doctor.DoctorVerificationRevokedEvent;
import br.com.healthmed.api.doctor.DoctorVerifiedEvent;
import br.com.healthmed.api.schedule.SlotHeldEvent;
import br.com.healthmed.api.schedule.SlotMovedEvent;
import br.com.healthmed.api.schedule.SlotPublishedEvent;
import br.com.healthmed.api.schedule.SlotReleasedEvent;
import br.com.healthmed.api.schedule.SlotRemovedEvent;
import br.com.healthmed.query.agenda.AgendaChanges;
import br.com.healthmed.query.agenda.BookingNotice;
import br.com.healthmed.query.privacy.PersonalDataReader;
import br.com.healthmed.query.projection.BatchedWrites;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Objects;

/**
 * The doctors' search view. Every write is an upsert of values taken from the event (and, for the next free slot, the
 * event's own timestamp), so a replay rebuilds exactly the same documents. The next free slot is the first one still
 * bookable until the next refresh ({@link SearchAvailability}). Writes go out as one bulk write per batch
 * of events; a doctor's next free slot is derived once per batch, after the writes, from the slots as they then stand
 * and the timestamp of the batch's last slot event for that doctor, which is what handling the events one by one ends
 * with.
 * <p>
 * Every write that can change what a search shows is announced to {@link SearchChanges} right after it reached
 * MongoDB, within the batch's unit of work and so before its position is committed (ADR 0035): a change to who is
 * listed or to a profile or price voids every cached search, a moved next free slot only the searches of its specialty.
 */
@Component
@ProcessingGroup(DoctorProjection.GROUP)
public class DoctorProjection {

    public static final String GROUP = "doctors";

    private final MongoTemplate mongo;
    private final BatchedWrites writes;
    private final PersonalDataReader personalData;
    private final AgendaChanges agendaChanges;
    private final BookingNotice notice;
    private final SearchAvailability availability;
    private final SearchChanges searchChanges;

    public DoctorProjection(MongoTemplate mongo, PersonalDataReader personalData, AgendaChanges agendaChanges,
                            BookingNotice notice, SearchAvailability availability, SearchChanges searchChanges) {
        this.mongo = mongo;
        this.writes = new BatchedWrites(mongo, GROUP);
        this.personalData = personalData;
        this.agendaChanges = agendaChanges;
        this.notice = notice;
        this.availability = availability;
        this.searchChanges = searchChanges;
    }

    @EventHandler
    void on(DoctorRegisteredEvent event) {
        String name = personalData.open(event.name()).orElse(null);
        writes.upsert(DoctorDocument.class, byId(event.doctorId()), new Update()
                .set("name", name)
                .set("nameKey", NameKey.of(name))
                .set("crmNumber", personalData.open(event.crmNumber()).orElse(null))
                .set("crmUf", event.crmUf().name())
                .set("specialty", event.specialty().name())
                .set("priceCents", cents(event.consultationPrice()))
                .set("timeZone", event.timeZone())
                .set("verified", false)
                .set("nextFreeSlot", null)
                .set("availability", DoctorDocument.NO_AVAILABILITY));
        searchChanged();
    }

    /**
     * {@code verified} is what search and the public pages filter on, so it means "listed": verified by an ADMIN
     * ({@code verificationGranted}) and not deactivated. The writes of one batch go out in order, so each conditional
     * write sees the ones before it, as handling the events one by one would.
     */
    @EventHandler
    void on(DoctorVerifiedEvent event) {
        writes.updateFirst(DoctorDocument.class, byId(event.doctorId()), Update.update("verificationGranted", true));
        writes.updateFirst(DoctorDocument.class, Query.query(Criteria.where("_id").is(event.doctorId().toString())
                .and("deactivated").ne(true)), Update.update("verified", true));
        agendaChanged(event.doctorId());
        searchChanged();
    }

    /** Gone from search and the public pages at once (ADR 0020); documents from before it learn their verification. */
    @EventHandler
    void on(DoctorDeactivatedEvent event) {
        writes.updateFirst(DoctorDocument.class, Query.query(Criteria.where("_id").is(event.doctorId().toString())
                .and("verified").is(true)), Update.update("verificationGranted", true));
        writes.updateFirst(DoctorDocument.class, byId(event.doctorId()),
                new Update().set("deactivated", true).set("verified", false));
        agendaChanged(event.doctorId());
        searchChanged();
    }

    @EventHandler
    void on(DoctorReactivatedEvent event) {
        writes.updateFirst(DoctorDocument.class, byId(event.doctorId()), Update.update("deactivated", false));
        writes.updateFirst(DoctorDocument.class, Query.query(Criteria.where("_id").is(event.doctorId().toString())
                .and("verificationGranted").is(true)), Update.update("verified", true));
        agendaChanged(event.doctorId());
        searchChanged();
    }

    /**
     * Rejected, revoked, or awaiting verification again after a change of name or specialty (ADR 0026): out of search
     * and the public pages; only a new verification lists the doctor again (a reactivation does not).
     */
    @EventHandler
    void on(DoctorRegistrationRejectedEvent event) {
        unlisted(event.doctorId());
    }

    @EventHandler
    void on(DoctorVerificationRevokedEvent event) {
        unlisted(event.doctorId());
    }

    @EventHandler
    void on(DoctorVerificationLapsedEvent event) {
        unlisted(event.doctorId());
    }

    private void unlisted(DoctorId doctorId) {
        writes.updateFirst(DoctorDocument.class, byId(doctorId),
                new Update().set("verificationGranted", false).set("verified", false));
        agendaChanged(doctorId);
        searchChanged();
    }

    @EventHandler
    void on(DoctorProfileUpdatedEvent event) {
        String name = personalData.open(event.name()).orElse(null);
        writes.updateFirst(DoctorDocument.class, byId(event.doctorId()), new Update()
                .set("name", name)
                .set("nameKey", NameKey.of(name))
                .set("specialty", event.specialty().name())
                .set("timeZone", event.timeZone()));
        agendaChanged(event.doctorId());
        searchChanged();
    }

    @EventHandler
    void on(ConsultationPriceChangedEvent event) {
        writes.updateFirst(DoctorDocument.class, byId(event.doctorId()),
                Update.update("priceCents", cents(event.consultationPrice())));
        // The public agenda shows the price a request would carry now.
        agendaChanged(event.doctorId());
        searchChanged();
    }

    @EventHandler
    void on(SlotPublishedEvent event, @Timestamp Instant at) {
        writes.upsert(DoctorSlot.class, slot(event.slotId().toString()), new Update()
                .set("doctorId", event.doctorId().toString()).set("start", event.start()).set("free", true));
        refresh(event.doctorId().toString(), at);
    }

    @EventHandler
    void on(SlotMovedEvent event, @Timestamp Instant at) {
        writes.updateFirst(DoctorSlot.class, slot(event.slotId().toString()), Update.update("start", event.start()));
        refresh(event.doctorId().toString(), at);
    }

    @EventHandler
    void on(SlotRemovedEvent event, @Timestamp Instant at) {
        writes.remove(DoctorSlot.class, slot(event.slotId().toString()));
        refresh(event.doctorId().toString(), at);
    }

    @EventHandler
    void on(SlotHeldEvent event, @Timestamp Instant at) {
        writes.updateFirst(DoctorSlot.class, slot(event.slotId().toString()), Update.update("free", false));
        refresh(event.doctorId().toString(), at);
    }

    @EventHandler
    void on(SlotReleasedEvent event, @Timestamp Instant at) {
        writes.updateFirst(DoctorSlot.class, slot(event.slotId().toString()), Update.update("free", true));
        refresh(event.doctorId().toString(), at);
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), DoctorDocument.class);
        mongo.remove(new Query(), DoctorSlot.class);
        agendaChanges.forgetAll();
        searchChanges.changedAll();
    }

    /**
     * Moves the next free slot of doctors whose next free slot is no longer far enough ahead at {@code now}: time, not
     * an event, makes a slot stop being "next". Only a value still unchanged is replaced, so a concurrent event wins.
     */
    public int refreshUnbookableAvailability(Instant now) {
        Query started = Query.query(Criteria.where("nextFreeSlot").lt(availability.earliestShownStart(notice, now)));
        int moved = 0;
        for (DoctorDocument doctor : mongo.find(started, DoctorDocument.class)) {
            Instant next = nextFreeSlot(doctor.id(), now);
            Query unchanged = Query.query(Criteria.where("_id").is(doctor.id()).and("nextFreeSlot").is(doctor.nextFreeSlot()));
            long modified = mongo.updateFirst(unchanged, availability(next), DoctorDocument.class).getModifiedCount();
            if (modified > 0 && doctor.verified()) {
                searchChanges.changed(doctor.specialty());
            }
            moved += (int) modified;
        }
        return moved;
    }

    /**
     * Reads the slots as written, so it runs after the batch's writes, and only for the doctor's last slot event. The
     * document as it was before tells whether a search could see the change: a listed doctor whose next free slot
     * moved (most bookings take a later slot and move nothing).
     */
    private void refresh(String doctorId, Instant at) {
        writes.afterWrites("availability:" + doctorId, () -> {
            Instant next = nextFreeSlot(doctorId, at);
            DoctorDocument before = mongo.findAndModify(Query.query(Criteria.where("_id").is(doctorId)),
                    availability(next), DoctorDocument.class);
            if (before != null && before.verified() && !Objects.equals(before.nextFreeSlot(), next)) {
                searchChanges.changed(before.specialty());
            }
        });
    }

    /** Once per batch, after its writes. */
    private void searchChanged() {
        writes.afterWrites("search", searchChanges::changedAll);
    }

    private void agendaChanged(DoctorId doctorId) {
        writes.afterWrites("agenda:" + doctorId, () -> agendaChanges.changed(doctorId.toString()));
    }

    private Instant nextFreeSlot(String doctorId, Instant at) {
        Instant earliest = availability.earliestShownStart(notice, at);
        Query query = Query.query(Criteria.where("doctorId").is(doctorId).and("free").is(true).and("start").gte(earliest))
                .with(Sort.by("start")).limit(1);
        DoctorSlot first = mongo.findOne(query, DoctorSlot.class);
        return first == null ? null : first.start();
    }

    private static Update availability(Instant next) {
        return new Update().set("nextFreeSlot", next).set("availability", next == null ? DoctorDocument.NO_AVAILABILITY : next);
    }

    static long cents(Money money) {
        return money.amount().movePointRight(2).longValueExact();
    }

    private static Query byId(DoctorId id) {
        return Query.query(Criteria.where("_id").is(id.toString()));
    }

    private static Query slot(String slotId) {
        return Query.query(Criteria.where("_id").is(slotId));
    }
}
