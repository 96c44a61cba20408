package br.com.healthmed.query.patient;

import br.com.healthmed.api.patient.PatientDataErasedEvent;
import br.com.healthmed.api.patient.PatientRegisteredEvent;
import br.com.healthmed.api.patient.PatientRegistrationExpiredEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

@Component
@ProcessingGroup(PatientProjection.GROUP)
public class PatientProjection {

    public static final String GROUP = "patients";

    private final MongoTemplate mongo;

    public PatientProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(PatientRegisteredEvent event) {
        mongo.upsert(byId(event.patientId().toString()),
                new Update().set("name", event.name().value()).set("erased", false), PatientDocument.class);
    }

    @EventHandler
    void on(PatientDataErasedEvent event) {
        mongo.upsert(byId(event.patientId().toString()),
                new Update().unset("name").set("erased", true), PatientDocument.class);
    }

    /** An unconfirmed registration that expired (ADR 0033): its key is shredded, as after an erasure. */
    @EventHandler
    void on(PatientRegistrationExpiredEvent event) {
        mongo.upsert(byId(event.patientId().toString()),
                new Update().unset("name").set("erased", true), PatientDocument.class);
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), PatientDocument.class);
    }

    private static Query byId(String id) {
        return Query.query(Criteria.where("_id").is(id));
    }
}
