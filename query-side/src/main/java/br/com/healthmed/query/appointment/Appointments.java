package br.com.healthmed.query.appointment;

import br.com.healthmed.api.appointment.AppointmentStatus;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.platform.security.Actor;
import br.com.healthmed.query.web.NotFoundException;
import br.com.healthmed.query.web.QueryParameters;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads of the appointments view. Every query is scoped to the caller in the database: a patient's own, or the
 * doctor's own; anything else is indistinguishable from an appointment that does not exist.
 */
@Component
public class Appointments {

    private final MongoTemplate mongo;

    Appointments(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public record Page(List<AppointmentDocument> appointments, long totalElements) {
    }

    public Page list(Actor actor, AppointmentStatus status, QueryParameters.Window bounds, int page, int size) {
        Criteria criteria = ownedBy(actor);
        if (status != null) {
            criteria = criteria.and("status").is(status);
        }
        if (bounds.from() != null || bounds.to() != null) {
            Criteria start = criteria.and("start");
            if (bounds.from() != null) {
                start = start.gte(bounds.from());
            }
            if (bounds.to() != null) {
                start.lt(bounds.to());
            }
        }
        long total = mongo.count(Query.query(criteria), AppointmentDocument.class);
        Sort order = actor.role() == Role.DOCTOR ? Sort.by("pending", "start", "_id") : Sort.by("start", "_id");
        Query query = Query.query(criteria).with(order).skip((long) page * size).limit(size);
        return new Page(mongo.find(query, AppointmentDocument.class), total);
    }

    public AppointmentDocument find(Actor actor, String appointmentId) {
        AppointmentDocument found = mongo.findOne(Query.query(ownedBy(actor).and("_id").is(appointmentId)),
                AppointmentDocument.class);
        if (found == null) {
            throw new NotFoundException("no appointment of yours with this id");
        }
        return found;
    }

    /** Every appointment of one patient, by start: their personal-data export. */
    public List<AppointmentDocument> allOfPatient(String patientId) {
        return mongo.find(Query.query(Criteria.where("patientId").is(patientId)).with(Sort.by("start", "_id")),
                AppointmentDocument.class);
    }

    /** The patient of each of the doctor's appointments named, for the doctor's own agenda. */
    public Map<String, String> patientsOf(String doctorId, Collection<String> appointmentIds) {
        if (appointmentIds.isEmpty()) {
            return Map.of();
        }
        Query query = Query.query(Criteria.where("_id").in(appointmentIds).and("doctorId").is(doctorId));
        return mongo.find(query, AppointmentDocument.class).stream()
                .collect(Collectors.toMap(AppointmentDocument::id, AppointmentDocument::patientId));
    }

    private static Criteria ownedBy(Actor actor) {
        return switch (actor.role()) {
            case PATIENT -> Criteria.where("patientId").is(actor.userId().toString());
            case DOCTOR -> Criteria.where("doctorId").is(actor.userId().toString());
            default -> throw new NotFoundException("only patients and doctors have appointments");
        };
    }
}
