package br.com.healthmed.query.doctor;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * A doctor as the public search sees them. The name is opened when projected (a doctor's name is public, and search
 * filters and sorts on it in the database); {@code nameKey} is its lower-case, accent-free form for that.
 * {@code availability} is {@code nextFreeSlot}, or the far future when there is none, so that sorting puts doctors
 * without free slots last.
 * <p>
 * The search indexes follow equality, sort, range: the equalities ({@code verified}, and {@code specialty} when
 * given), then every sort key including the {@code _id} tie-breaker, so that matches come out of the index already in
 * order and a page stops after size + 1 entries instead of sorting all matches in memory; then {@code priceCents}, so
 * that the price bound and the name pattern ({@code nameKey}) are checked on index keys before any document is read.
 */
@Document(DoctorDocument.COLLECTION)
@CompoundIndex(name = DoctorDocument.SEARCH_BY_SPECIALTY_INDEX,
        def = "{'verified': 1, 'specialty': 1, 'availability': 1, 'nameKey': 1, '_id': 1, 'priceCents': 1}")
@CompoundIndex(name = DoctorDocument.SEARCH_INDEX,
        def = "{'verified': 1, 'availability': 1, 'nameKey': 1, '_id': 1, 'priceCents': 1}")
public record DoctorDocument(
        @Id String id,
        String name,
        String nameKey,
        String crmNumber,
        String crmUf,
        String specialty,
        long priceCents,
        String timeZone,
        boolean verified,
        Instant nextFreeSlot,
        Instant availability) {

    static final String COLLECTION = "doctors";
    static final String SEARCH_INDEX = "doctor_search";
    static final String SEARCH_BY_SPECIALTY_INDEX = "doctor_search_by_specialty";
    static final Instant NO_AVAILABILITY = Instant.parse("9999-12-31T00:00:00Z");
}
