package br.com.healthmed.api.schedule;

import br.com.healthmed.api.doctor.DoctorId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A slot [start, end) of the previous day's schedule runs past midnight (UTC) into this day. The slot stays where it
 * starts; this day only learns that part of it is taken, so that the overlap check of a slot published here sees it
 * and two schedules that could conflict are both written (ADR 0011). Projections need not react.
 */
@Revision("1")
public record SlotOverhangAddedEvent(DoctorId doctorId, SlotId slotId, Instant start, Instant end) {
}
