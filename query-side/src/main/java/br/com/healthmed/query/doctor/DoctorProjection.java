package br.com.healthmed.query.doctor;

import br.com.healthmed.api.common.Money;
import br.com.healthmed.api.doctor.ConsultationPriceChangedEvent;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.doctor.DoctorProfileUpdatedEvent;
import br.com.healthmed.api.doctor.DoctorRegisteredEvent;
import br.com.healthmed.api.doctor.DoctorVerifiedEvent;
import br.com.healthmed.api.schedule.SlotHeldEvent;
import br.com.healthmed.api.schedule.SlotMovedEvent;
import br.com.healthmed.api.schedule.SlotPublishedEvent;
import br.com.healthmed.api.schedule.SlotReleasedEvent;
import br.com.healthmed.api.schedule.SlotRemovedEvent;
import br.com.healthmed.query.agenda.AgendaChanges;
import br.com.healthmed.query.privacy.PersonalDataReader;
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

/**
 * The doctors' search view. Every write is an upsert of values taken from the event (and, for the next free slot, the
 * event's own timestamp), so a replay rebuilds exactly the same documents.
 */
@Component
@ProcessingGroup(DoctorProjection.GROUP)
public class DoctorProjection {

    public static final String GROUP = "doctors";

    private final MongoTemplate mongo;
    private final PersonalDataReader personalData;
    private final AgendaChanges agendaChanges;

    public DoctorProjection(MongoTemplate mongo, PersonalDataReader personalData, AgendaChanges agendaChanges) {
        this.mongo = mongo;
        this.personalData = personalData;
        this.agendaChanges = agendaChanges;
    }

    @EventHandler
    void on(DoctorRegisteredEvent event) {
        String name = personalData.open(event.name()).orElse(null);
        mongo.upsert(byId(event.doctorId()), new Update()
                .set("name", name)
                .set("nameKey", NameKey.of(name))
                .set("crmNumber", personalData.open(event.crmNumber()).orElse(null))
                .set("crmUf", event.crmUf().name())
                .set("specialty", event.specialty().name())
                .set("priceCents", cents(event.consultationPrice()))
                .set("timeZone", event.timeZone())
                .set("verified", false)
                .set("nextFreeSlot", null)
                .set("availability", DoctorDocument.NO_AVAILABILITY), DoctorDocument.class);
    }

    @EventHandler
    void on(DoctorVerifiedEvent event) {
        mongo.updateFirst(byId(event.doctorId()), Update.update("verified", true), DoctorDocument.class);
        agendaChanges.changed(event.doctorId().toString());
    }

    @EventHandler
    void on(DoctorProfileUpdatedEvent event) {
        String name = personalData.open(event.name()).orElse(null);
        mongo.updateFirst(byId(event.doctorId()), new Update()
                .set("name", name)
                .set("nameKey", NameKey.of(name))
                .set("specialty", event.specialty().name())
                .set("timeZone", event.timeZone()), DoctorDocument.class);
        agendaChanges.changed(event.doctorId().toString());
    }

    @EventHandler
    void on(ConsultationPriceChangedEvent event) {
        mongo.updateFirst(byId(event.doctorId()), Update.update("priceCents", cents(event.consultationPrice())),
                DoctorDocument.class);
        // The public agenda shows the price a request would carry now.
        agendaChanges.changed(event.doctorId().toString());
    }

    @EventHandler
    void on(SlotPublishedEvent event, @Timestamp Instant at) {
        mongo.upsert(slot(event.slotId().toString()), new Update()
                .set("doctorId", event.doctorId().toString()).set("start", event.start()).set("free", true), DoctorSlot.class);
        refresh(event.doctorId().toString(), at);
    }

    @EventHandler
    void on(SlotMovedEvent event, @Timestamp Instant at) {
        mongo.updateFirst(slot(event.slotId().toString()), Update.update("start", event.start()), DoctorSlot.class);
        refresh(event.doctorId().toString(), at);
    }

    @EventHandler
    void on(SlotRemovedEvent event, @Timestamp Instant at) {
        mongo.remove(slot(event.slotId().toString()), DoctorSlot.class);
        refresh(event.doctorId().toString(), at);
    }

    @EventHandler
    void on(SlotHeldEvent event, @Timestamp Instant at) {
        mongo.updateFirst(slot(event.slotId().toString()), Update.update("free", false), DoctorSlot.class);
        refresh(event.doctorId().toString(), at);
    }

    @EventHandler
    void on(SlotReleasedEvent event, @Timestamp Instant at) {
        mongo.updateFirst(slot(event.slotId().toString()), Update.update("free", true), DoctorSlot.class);
        refresh(event.doctorId().toString(), at);
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), DoctorDocument.class);
        mongo.remove(new Query(), DoctorSlot.class);
        agendaChanges.forgetAll();
    }

    /**
     * Moves the next free slot of doctors whose next free slot has started by {@code now}: time, not an event,
     * makes a slot stop being "next". Only a value still unchanged is replaced, so a concurrent event wins.
     */
    public int refreshStartedAvailability(Instant now) {
        Query started = Query.query(Criteria.where("nextFreeSlot").lte(now));
        int moved = 0;
        for (DoctorDocument doctor : mongo.find(started, DoctorDocument.class)) {
            Instant next = nextFreeSlot(doctor.id(), now);
            Query unchanged = Query.query(Criteria.where("_id").is(doctor.id()).and("nextFreeSlot").is(doctor.nextFreeSlot()));
            moved += (int) mongo.updateFirst(unchanged, availability(next), DoctorDocument.class).getModifiedCount();
        }
        return moved;
    }

    private void refresh(String doctorId, Instant at) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(doctorId)), availability(nextFreeSlot(doctorId, at)),
                DoctorDocument.class);
    }

    private Instant nextFreeSlot(String doctorId, Instant after) {
        Query query = Query.query(Criteria.where("doctorId").is(doctorId).and("free").is(true).and("start").gt(after))
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
