package br.com.healthmed.command.doctor;

import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.schedule.DayScheduleId;
import br.com.healthmed.api.schedule.SlotId;
import br.com.healthmed.api.schedule.SlotMovedInEvent;
import br.com.healthmed.api.schedule.SlotPublishedEvent;
import br.com.healthmed.api.schedule.SlotRemovedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.SourceId;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.UUID;

/**
 * The {@code slot_directory} table, written by a subscribing processor inside the command's own transaction. Its
 * {@code schedule_id} is the aggregate the slot's events go to: a day schedule, or NULL for a slot kept in the
 * doctor's own stream.
 */
@Component
@ProcessingGroup(JdbcSlotDirectory.PROCESSING_GROUP)
class JdbcSlotDirectory implements SlotDirectory {

    static final String PROCESSING_GROUP = "slot-directory";

    private final JdbcClient jdbc;

    JdbcSlotDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SlotPublishedEvent event, @SourceId String aggregateId) {
        jdbc.sql("""
                        INSERT INTO slot_directory (slot_id, doctor_id, schedule_id) VALUES (?, ?, ?)
                        ON CONFLICT (slot_id) DO NOTHING""")
                .params(event.slotId().value(), event.doctorId().value(), scheduleOf(event.doctorId(), aggregateId))
                .update();
    }

    @EventHandler
    void on(SlotMovedInEvent event, @SourceId String aggregateId) {
        jdbc.sql("UPDATE slot_directory SET schedule_id = ? WHERE slot_id = ?")
                .params(scheduleOf(event.doctorId(), aggregateId), event.slotId().value())
                .update();
    }

    @EventHandler
    void on(SlotRemovedEvent event) {
        jdbc.sql("DELETE FROM slot_directory WHERE slot_id = ?").param(event.slotId().value()).update();
    }

    @Override
    public Optional<Owner> ownerOf(SlotId slotId) {
        return jdbc.sql("SELECT doctor_id, schedule_id FROM slot_directory WHERE slot_id = ?")
                .param(slotId.value())
                .query((rs, row) -> {
                    String schedule = rs.getString(2);
                    return new Owner(new DoctorId(rs.getObject(1, UUID.class)),
                            schedule == null ? null : DayScheduleId.parse(schedule));
                })
                .optional();
    }

    /** A slot's events go to its doctor's own stream (legacy) or to a day schedule. */
    private static String scheduleOf(DoctorId doctorId, String aggregateId) {
        return doctorId.toString().equals(aggregateId) ? null : aggregateId;
    }
}
