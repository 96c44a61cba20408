package br.com.healthmed.query.config;

import br.com.healthmed.api.doctor.DoctorId;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Optional;

/**
 * Handles one doctor's events in the order they were stored, whichever stream they were written to. A doctor's slots
 * live in several streams (the doctor's own and one per UTC day, ADR 0011), and a slot moved to another day has its
 * later events in another stream than its publication: ordered per stream only, a removal could overtake the
 * publication it removes. Events without a doctor keep Axon's default, per stream.
 */
public final class PerDoctorSequencingPolicy implements SequencingPolicy<EventMessage<?>> {

    private static final ClassValue<Optional<RecordComponent>> DOCTOR_ID = new ClassValue<>() {
        @Override
        protected Optional<RecordComponent> computeValue(Class<?> type) {
            return type.isRecord()
                    ? Arrays.stream(type.getRecordComponents())
                    .filter(component -> component.getType() == DoctorId.class && component.getName().equals("doctorId"))
                    .findFirst()
                    : Optional.empty();
        }
    };

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        Object payload = event.getPayload();
        Optional<RecordComponent> doctorId = payload == null ? Optional.empty() : DOCTOR_ID.get(payload.getClass());
        if (doctorId.isPresent()) {
            try {
                Object value = doctorId.get().getAccessor().invoke(payload);
                if (value != null) {
                    return "doctor:" + value;
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read doctorId of " + payload.getClass().getName(), e);
            }
        }
        return SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
    }
}
