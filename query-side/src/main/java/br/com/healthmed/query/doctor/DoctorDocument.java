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
 */
@Document(DoctorDocument.COLLECTION)
@CompoundIndex(name = "search_by_specialty", def = "{'verified': 1, 'specialty': 1, 'availability': 1, 'nameKey': 1}")
@CompoundIndex(name = "search", def = "{'verified': 1, 'availability': 1, 'nameKey': 1}")
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
    static final Instant NO_AVAILABILITY = Instant.parse("9999-12-31T00:00:00Z");
}
