package br.com.healthmed.query.agenda;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * One published slot. The price is not kept here: a request carries the doctor's price of that moment, so the agenda
 * shows the doctor's current price at read time.
 */
@Document(SlotDocument.COLLECTION)
@CompoundIndex(name = "agenda", def = "{'doctorId': 1, 'start': 1}")
record SlotDocument(@Id String id, String doctorId, Instant start, Instant end, Status status, String appointmentId) {

    static final String COLLECTION = "slots";

    enum Status {
        FREE,
        HELD
    }
}
