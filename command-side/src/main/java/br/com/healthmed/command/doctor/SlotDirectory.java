package br.com.healthmed.command.doctor;

import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.schedule.SlotId;

import java.util.Optional;

/**
 * Which doctor's schedule owns a slot, so that a request naming only the slot reaches the right aggregate. Kept in
 * the same transaction as the events, so a published slot is found at once and a removed one is gone at once.
 */
public interface SlotDirectory {

    Optional<DoctorId> ownerOf(SlotId slotId);
}
