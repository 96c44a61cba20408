package br.com.healthmed.query.config;

import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.doctor.DoctorVerifiedEvent;
import br.com.healthmed.api.patient.PatientDataErasedEvent;
import br.com.healthmed.api.patient.PatientId;
import br.com.healthmed.api.schedule.SlotId;
import br.com.healthmed.api.schedule.SlotPublishedEvent;
import br.com.healthmed.api.schedule.SlotRemovedEvent;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class PerDoctorSequencingPolicyTest {

    private final PerDoctorSequencingPolicy policy = new PerDoctorSequencingPolicy();
    private final DoctorId doctorId = DoctorId.random();

    private Object sequenceOf(String aggregateId, Object payload) {
        return policy.getSequenceIdentifierFor(new GenericDomainEventMessage<>("Any", aggregateId, 0, payload));
    }

    @Test
    void a_slot_published_in_one_day_and_removed_in_another_is_handled_in_one_sequence_with_its_doctor() {
        SlotId slotId = SlotId.random();
        Instant start = Instant.parse("2030-01-08T12:00:00Z");

        Object published = sequenceOf(doctorId + ":2030-01-08", new SlotPublishedEvent(doctorId, slotId, start, start.plusSeconds(1800)));
        Object removed = sequenceOf(doctorId + ":2030-01-09", new SlotRemovedEvent(doctorId, slotId));
        Object verified = sequenceOf(doctorId.toString(), new DoctorVerifiedEvent(doctorId));

        assertThat(published).isEqualTo(removed).isEqualTo(verified);
        assertThat(sequenceOf(DoctorId.random() + ":2030-01-08", new SlotRemovedEvent(DoctorId.random(), slotId)))
                .isNotEqualTo(published);
    }

    @Test
    void events_without_a_doctor_keep_the_order_of_their_stream() {
        PatientId patientId = PatientId.random();

        assertThat(sequenceOf(patientId.toString(), new PatientDataErasedEvent(patientId))).isEqualTo(patientId.toString());
    }
}
