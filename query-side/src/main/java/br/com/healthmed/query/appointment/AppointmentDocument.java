package br.com.healthmed.query.appointment;

import br.com.healthmed.api.appointment.AppointmentStatus;
import br.com.healthmed.api.common.Role;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * An appointment as its patient and doctor see it, at its current slot (a rescheduling replaces slot and times; the
 * previous ones are in the audit history). The reject reason, cancel justification and no-show reason stay sealed (opened at
 * read time), so a patient's erasure reaches them at once; {@code pending} is 0 for REQUESTED, 1 otherwise, so a
 * doctor's list sorts pending requests first in the database.
 */
@Document(AppointmentDocument.COLLECTION)
@CompoundIndex(name = "by_patient", def = "{'patientId': 1, 'start': 1}")
@CompoundIndex(name = "by_doctor", def = "{'doctorId': 1, 'pending': 1, 'start': 1}")
public record AppointmentDocument(
        @Id String id,
        String doctorId,
        String patientId,
        String slotId,
        Instant start,
        Instant end,
        long priceCents,
        AppointmentStatus status,
        int pending,
        String rejectReason,
        String cancelJustification,
        Role cancelledBy,
        Instant requestedAt,
        Instant acceptedAt,
        Instant rejectedAt,
        Instant cancelledAt,
        String noShowReason,
        Instant expiredAt,
        Instant completedAt,
        Instant noShowAt,
        Instant rescheduledAt,
        Role rescheduledBy) {

    static final String COLLECTION = "appointments";
}
