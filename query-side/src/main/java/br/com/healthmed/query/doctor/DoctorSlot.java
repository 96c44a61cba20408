package br.com.healthmed.query.doctor;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * The doctors projection's own record of each slot's start and whether it is free, from which it derives the next
 * free slot. It does not read the agenda's collection: another processing group may be behind.
 */
@Document(DoctorSlot.COLLECTION)
@CompoundIndex(name = "next_free", def = "{'doctorId': 1, 'free': 1, 'start': 1}")
record DoctorSlot(@Id String id, String doctorId, Instant start, boolean free) {

    static final String COLLECTION = "doctor_slots";
}
