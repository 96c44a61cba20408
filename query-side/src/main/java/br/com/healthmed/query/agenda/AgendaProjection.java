package br.com.healthmed.query.agenda;

import br.com.healthmed.api.schedule.SlotHeldEvent;
import br.com.healthmed.api.schedule.SlotMovedEvent;
import br.com.healthmed.api.schedule.SlotPublishedEvent;
import br.com.healthmed.api.schedule.SlotReleasedEvent;
import br.com.healthmed.api.schedule.SlotRemovedEvent;
import br.com.healthmed.query.projection.BatchedWrites;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Doctors' slots, free or held; every write sets values from the event alone, so replays give the same documents.
 * Writes go out as one bulk write per batch of events, and each doctor whose agenda changed is announced once per
 * batch, after the writes.
 */
@Component
@ProcessingGroup(AgendaProjection.GROUP)
public class AgendaProjection {

    public static final String GROUP = "agenda";

    private final MongoTemplate mongo;
    private final BatchedWrites writes;
    private final AgendaChanges changes;

    public AgendaProjection(MongoTemplate mongo, AgendaChanges changes) {
        this.mongo = mongo;
        this.writes = new BatchedWrites(mongo, GROUP);
        this.changes = changes;
    }

    @EventHandler
    void on(SlotPublishedEvent event) {
        writes.upsert(SlotDocument.class, byId(event.slotId().toString()), new Update()
                .set("doctorId", event.doctorId().toString())
                .set("start", event.start())
                .set("end", event.end())
                .set("status", SlotDocument.Status.FREE)
                .unset("appointmentId"));
        changed(event.doctorId().toString());
    }

    @EventHandler
    void on(SlotMovedEvent event) {
        writes.updateFirst(SlotDocument.class, byId(event.slotId().toString()),
                new Update().set("start", event.start()).set("end", event.end()));
        changed(event.doctorId().toString());
    }

    @EventHandler
    void on(SlotRemovedEvent event) {
        writes.remove(SlotDocument.class, byId(event.slotId().toString()));
        changed(event.doctorId().toString());
    }

    @EventHandler
    void on(SlotHeldEvent event) {
        writes.updateFirst(SlotDocument.class, byId(event.slotId().toString()), new Update()
                .set("status", SlotDocument.Status.HELD)
                .set("appointmentId", event.appointmentId().toString()));
        changed(event.doctorId().toString());
    }

    @EventHandler
    void on(SlotReleasedEvent event) {
        writes.updateFirst(SlotDocument.class, byId(event.slotId().toString()), new Update()
                .set("status", SlotDocument.Status.FREE)
                .unset("appointmentId"));
        changed(event.doctorId().toString());
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), SlotDocument.class);
        changes.forgetAll();
    }

    /** The cache must hear of a change only once MongoDB holds it (see AgendaCache). */
    private void changed(String doctorId) {
        writes.afterWrites("changed:" + doctorId, () -> changes.changed(doctorId));
    }

    private static Query byId(String slotId) {
        return Query.query(Criteria.where("_id").is(slotId));
    }
}
