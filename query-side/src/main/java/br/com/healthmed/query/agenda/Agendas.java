package br.com.healthmed.query.agenda;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;

/** Reads of the slots view, filtered and ordered in the database on the {@code agenda} index. */
@Component
class Agendas {

    private final MongoTemplate mongo;

    Agendas(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The doctor's free slots starting in [from, to), earliest first: what the public agenda offers. */
    List<SlotDocument> free(String doctorId, Instant from, Instant to) {
        return slots(Criteria.where("doctorId").is(doctorId).and("start").gte(from).lt(to)
                .and("status").is(SlotDocument.Status.FREE));
    }

    /** All the doctor's slots starting in [from, to), free and held, earliest first: the doctor's own agenda. */
    List<SlotDocument> own(String doctorId, Instant from, Instant to) {
        return slots(Criteria.where("doctorId").is(doctorId).and("start").gte(from).lt(to));
    }

    private List<SlotDocument> slots(Criteria criteria) {
        return mongo.find(Query.query(criteria).with(Sort.by("start")), SlotDocument.class);
    }
}
