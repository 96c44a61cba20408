package br.com.healthmed.command.support;

import br.com.healthmed.api.schedule.DayScheduleId;
import br.com.healthmed.api.schedule.SlotId;
import br.com.healthmed.api.schedule.SlotMovedInEvent;
import br.com.healthmed.api.schedule.SlotPublishedEvent;
import br.com.healthmed.api.schedule.SlotRemovedEvent;
import br.com.healthmed.command.doctor.SlotDirectory;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.SourceId;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The slot directory the way {@code JdbcSlotDirectory} keeps it, in memory, for tests that run Axon without a
 * database: register it on a subscribing processor so that it follows the events in the command's own thread.
 */
public final class InMemorySlotDirectory implements SlotDirectory {

    private final Map<UUID, Owner> owners = new ConcurrentHashMap<>();

    @EventHandler
    void on(SlotPublishedEvent event, @SourceId String aggregateId) {
        owners.putIfAbsent(event.slotId().value(), new Owner(event.doctorId(), scheduleOf(event.doctorId().toString(), aggregateId)));
    }

    @EventHandler
    void on(SlotMovedInEvent event, @SourceId String aggregateId) {
        owners.computeIfPresent(event.slotId().value(), (id, owner) -> new Owner(owner.doctorId(), DayScheduleId.parse(aggregateId)));
    }

    @EventHandler
    void on(SlotRemovedEvent event) {
        owners.remove(event.slotId().value());
    }

    @Override
    public Optional<Owner> ownerOf(SlotId slotId) {
        return Optional.ofNullable(owners.get(slotId.value()));
    }

    private static DayScheduleId scheduleOf(String doctorId, String aggregateId) {
        return doctorId.equals(aggregateId) ? null : DayScheduleId.parse(aggregateId);
    }
}
