package br.com.healthmed.query.agenda;

import br.com.healthmed.api.schedule.SlotHeldEvent;
import br.com.healthmed.api.schedule.SlotMovedEvent;
import br.com.healthmed.api.schedule.SlotPublishedEvent;
import br.com.healthmed.api.schedule.SlotReleasedEvent;
import br.com.healthmed.api.schedule.SlotRemovedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** Doctors' slots, free or held; every write sets values from the event alone, so replays give the same documents. */
@Component
@ProcessingGroup(AgendaProjection.GROUP)
public class AgendaProjection {

    public static final String GROUP = "agenda";

    private final MongoTemplate mongo;
    private final AgendaChanges changes;

    public AgendaProjection(MongoTemplate mongo, AgendaChanges changes) {
        this.mongo = mongo;
        this.changes = changes;
    }

    @EventHandler
    void on(SlotPublishedEvent event) {
        mongo.upsert(byId(event.slotId().toString()), new Update()
                .set("doctorId", event.doctorId().toString())
                .set("start", event.start())
                .set("end", event.end())
                .set("status", SlotDocument.Status.FREE)
                .unset("appointmentId"), SlotDocument.class);
        changes.changed(event.doctorId().toString());
    }

    @EventHandler
    void on(SlotMovedEvent event) {
        mongo.updateFirst(byId(event.slotId().toString()),
                new Update().set("start", event.start()).set("end", event.end()), SlotDocument.class);
        changes.changed(event.doctorId().toString());
    }

    @EventHandler
    void on(SlotRemovedEvent event) {
        mongo.remove(byId(event.slotId().toString()), SlotDocument.class);
        changes.changed(event.doctorId().toString());
    }

    @EventHandler
    void on(SlotHeldEvent event) {
        mongo.updateFirst(byId(event.slotId().toString()), new Update()
                .set("status", SlotDocument.Status.HELD)
                .set("appointmentId", event.appointmentId().toString()), SlotDocument.class);
        changes.changed(event.doctorId().toString());
    }

    @EventHandler
    void on(SlotReleasedEvent event) {
        mongo.updateFirst(byId(event.slotId().toString()), new Update()
                .set("status", SlotDocument.Status.FREE)
                .unset("appointmentId"), SlotDocument.class);
        changes.changed(event.doctorId().toString());
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), SlotDocument.class);
        changes.forgetAll();
    }

    private static Query byId(String slotId) {
        return Query.query(Criteria.where("_id").is(slotId));
    }
}
