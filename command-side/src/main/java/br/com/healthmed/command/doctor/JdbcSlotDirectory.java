package br.com.healthmed.command.doctor;

import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.schedule.SlotId;
import br.com.healthmed.api.schedule.SlotPublishedEvent;
import br.com.healthmed.api.schedule.SlotRemovedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.UUID;

/** The {@code slot_directory} table, written by a subscribing processor inside the command's own transaction. */
@Component
@ProcessingGroup(JdbcSlotDirectory.PROCESSING_GROUP)
class JdbcSlotDirectory implements SlotDirectory {

    static final String PROCESSING_GROUP = "slot-directory";

    private final JdbcClient jdbc;

    JdbcSlotDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SlotPublishedEvent event) {
        jdbc.sql("INSERT INTO slot_directory (slot_id, doctor_id) VALUES (?, ?) ON CONFLICT (slot_id) DO NOTHING")
                .params(event.slotId().value(), event.doctorId().value())
                .update();
    }

    @EventHandler
    void on(SlotRemovedEvent event) {
        jdbc.sql("DELETE FROM slot_directory WHERE slot_id = ?").param(event.slotId().value()).update();
    }

    @Override
    public Optional<DoctorId> ownerOf(SlotId slotId) {
        return jdbc.sql("SELECT doctor_id FROM slot_directory WHERE slot_id = ?")
                .param(slotId.value())
                .query((rs, row) -> new DoctorId(rs.getObject(1, UUID.class)))
                .optional();
    }
}
