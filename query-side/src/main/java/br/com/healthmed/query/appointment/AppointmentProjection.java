package br.com.healthmed.query.appointment;

import br.com.healthmed.api.appointment.AppointmentAcceptedEvent;
import br.com.healthmed.api.appointment.AppointmentCancelledEvent;
import br.com.healthmed.api.appointment.AppointmentCompletedEvent;
import br.com.healthmed.api.appointment.AppointmentExpiredEvent;
import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.appointment.AppointmentNoShowEvent;
import br.com.healthmed.api.appointment.AppointmentRejectedEvent;
import br.com.healthmed.api.appointment.AppointmentRequestedEvent;
import br.com.healthmed.api.appointment.AppointmentRescheduledEvent;
import br.com.healthmed.api.appointment.AppointmentStatus;
import br.com.healthmed.query.projection.BatchedWrites;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Appointments, with each transition's time taken from its event, so that replays give the same documents. Writes go
 * out as one bulk write per batch of events.
 */
@Component
@ProcessingGroup(AppointmentProjection.GROUP)
public class AppointmentProjection {

    public static final String GROUP = "appointments";

    private final MongoTemplate mongo;
    private final BatchedWrites writes;

    public AppointmentProjection(MongoTemplate mongo) {
        this.mongo = mongo;
        this.writes = new BatchedWrites(mongo, GROUP);
    }

    @EventHandler
    void on(AppointmentRequestedEvent event, @Timestamp Instant at) {
        writes.upsert(AppointmentDocument.class, byId(event.appointmentId()), status(AppointmentStatus.REQUESTED)
                .set("doctorId", event.doctorId().toString())
                .set("patientId", event.patientId().toString())
                .set("slotId", event.slotId().toString())
                .set("start", event.start())
                .set("end", event.end())
                .set("priceCents", event.price().amount().movePointRight(2).longValueExact())
                .set("requestedAt", at));
    }

    /** The new slot and times; the status is the one the move left (REQUESTED again after a patient moved it). */
    @EventHandler
    void on(AppointmentRescheduledEvent event, @Timestamp Instant at) {
        writes.updateFirst(AppointmentDocument.class, byId(event.appointmentId()), status(event.status())
                .set("slotId", event.slotId().toString())
                .set("start", event.start())
                .set("end", event.end())
                .set("rescheduledAt", at)
                .set("rescheduledBy", event.rescheduledBy()));
    }

    @EventHandler
    void on(AppointmentAcceptedEvent event, @Timestamp Instant at) {
        writes.updateFirst(AppointmentDocument.class, byId(event.appointmentId()),
                status(AppointmentStatus.ACCEPTED).set("acceptedAt", at));
    }

    @EventHandler
    void on(AppointmentRejectedEvent event, @Timestamp Instant at) {
        writes.updateFirst(AppointmentDocument.class, byId(event.appointmentId()), status(AppointmentStatus.REJECTED)
                .set("rejectReason", event.reason().value())
                .set("rejectedAt", at));
    }

    @EventHandler
    void on(AppointmentCancelledEvent event, @Timestamp Instant at) {
        writes.updateFirst(AppointmentDocument.class, byId(event.appointmentId()), status(AppointmentStatus.CANCELLED)
                .set("cancelJustification", event.justification().value())
                .set("cancelledBy", event.cancelledBy())
                .set("cancelledAt", at));
    }

    @EventHandler
    void on(AppointmentExpiredEvent event, @Timestamp Instant at) {
        writes.updateFirst(AppointmentDocument.class, byId(event.appointmentId()),
                status(AppointmentStatus.EXPIRED).set("expiredAt", at));
    }

    @EventHandler
    void on(AppointmentCompletedEvent event, @Timestamp Instant at) {
        writes.updateFirst(AppointmentDocument.class, byId(event.appointmentId()),
                status(AppointmentStatus.COMPLETED).set("completedAt", at));
    }

    @EventHandler
    void on(AppointmentNoShowEvent event, @Timestamp Instant at) {
        Update update = status(AppointmentStatus.NO_SHOW).set("noShowAt", at);
        if (event.reason() != null) {
            update.set("noShowReason", event.reason().value());
        }
        writes.updateFirst(AppointmentDocument.class, byId(event.appointmentId()), update);
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), AppointmentDocument.class);
    }

    private static Update status(AppointmentStatus status) {
        return new Update().set("status", status).set("pending", status == AppointmentStatus.REQUESTED ? 0 : 1);
    }

    private static Query byId(AppointmentId id) {
        return Query.query(Criteria.where("_id").is(id.toString()));
    }
}
