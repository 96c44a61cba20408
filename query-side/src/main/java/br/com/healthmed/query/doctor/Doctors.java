package br.com.healthmed.query.doctor;

import br.com.healthmed.api.common.Money;
import br.com.healthmed.api.doctor.Specialty;
import br.com.healthmed.query.web.NotFoundException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads of the doctors view, for the API and for the other views that show a doctor. */
@Component
public class Doctors {

    private static final Sort SEARCH_ORDER = Sort.by("availability", "nameKey", "_id");

    private final MongoTemplate mongo;

    public Doctors(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The search criteria; any may be null. */
    public record Search(Specialty specialty, String name, Long maxPriceCents) {
    }

    /**
     * One page of matches. {@code totalElements} is null unless it was asked for or is known without counting (this
     * page is the last one).
     */
    public record Page(List<DoctorDocument> doctors, boolean hasNext, Long totalElements) {
    }

    /**
     * Verified doctors only, filtered and sorted in the database: next availability first, then name. One more than
     * {@code size} is read to learn whether a next page exists; the matches are counted only when {@code withTotal}
     * asks for it and this page does not already tell (a count walks every match, a page reads at most size + 1).
     */
    public Page search(Search search, int page, int size, boolean withTotal) {
        Query query = searchQuery(search);
        List<DoctorDocument> found = mongo.find(query.skip((long) page * size).limit(size + 1), DoctorDocument.class);
        boolean hasNext = found.size() > size;
        List<DoctorDocument> doctors = hasNext ? found.subList(0, size) : found;
        Long total = null;
        if (!hasNext && (!doctors.isEmpty() || page == 0)) {
            total = (long) page * size + doctors.size();
        } else if (withTotal) {
            total = mongo.count(searchQuery(search), DoctorDocument.class);
        }
        return new Page(doctors, hasNext, total);
    }

    /**
     * Equality on {@code verified} (and {@code specialty}), then the sort keys, then the other filters: the shape of
     * the {@code doctor_search} indexes (see {@link DoctorDocument}), which return matches already in order.
     */
    static Query searchQuery(Search search) {
        Criteria criteria = Criteria.where("verified").is(true);
        if (search.specialty() != null) {
            criteria = criteria.and("specialty").is(search.specialty().name());
        }
        if (search.name() != null && !search.name().isBlank()) {
            criteria = criteria.and("nameKey").regex(NameKey.containing(search.name()));
        }
        if (search.maxPriceCents() != null) {
            criteria = criteria.and("priceCents").lte(search.maxPriceCents());
        }
        return Query.query(criteria).with(SEARCH_ORDER);
    }

    public Optional<DoctorDocument> find(String doctorId) {
        return Optional.ofNullable(mongo.findById(doctorId, DoctorDocument.class));
    }

    /** A doctor the public may see: registered and verified. */
    public DoctorDocument findVerified(String doctorId) {
        return find(doctorId).filter(DoctorDocument::verified)
                .orElseThrow(() -> new NotFoundException("no verified doctor with this id"));
    }

    public Map<String, DoctorDocument> findAll(Collection<String> doctorIds) {
        return mongo.find(Query.query(Criteria.where("_id").in(doctorIds)), DoctorDocument.class).stream()
                .collect(Collectors.toMap(DoctorDocument::id, Function.identity()));
    }

    /** Verified doctors per specialty code, counted in the database from the doctors themselves (replay-proof). */
    public Map<String, Long> verifiedPerSpecialty() {
        var aggregation = Aggregation.newAggregation(
                Aggregation.match(Criteria.where("verified").is(true)),
                Aggregation.group("specialty").count().as("count"));
        return mongo.aggregate(aggregation, DoctorDocument.COLLECTION, SpecialtyCount.class).getMappedResults().stream()
                .collect(Collectors.toMap(SpecialtyCount::id, SpecialtyCount::count));
    }

    record SpecialtyCount(String id, long count) {
    }

    public static Money price(DoctorDocument doctor) {
        return Money.brl(BigDecimal.valueOf(doctor.priceCents(), 2));
    }

    /** The doctor's zone; a zone the JVM does not know (never expected) falls back to UTC rather than failing a read. */
    public static ZoneId zone(DoctorDocument doctor) {
        try {
            return ZoneId.of(doctor.timeZone());
        } catch (RuntimeException e) {
            return ZoneOffset.UTC;
        }
    }

    static List<Specialty> specialties() {
        return Arrays.asList(Specialty.values());
    }
}
