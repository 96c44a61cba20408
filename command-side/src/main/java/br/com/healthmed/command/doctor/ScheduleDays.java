package br.com.healthmed.command.doctor;

import br.com.healthmed.api.common.TimeRange;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.schedule.DayScheduleId;

/**
 * The day schedules a slot's time touches: the UTC day it starts on, and the next one when it runs past midnight.
 * Slots are at most 24 hours long ({@code BookingProperties}), so there are never more than two.
 */
record ScheduleDays(DayScheduleId owner, DayScheduleId overhang) {

    static ScheduleDays of(DoctorId doctorId, TimeRange range) {
        DayScheduleId owner = DayScheduleId.of(doctorId, range.start());
        DayScheduleId last = DayScheduleId.of(doctorId, range.end().minusNanos(1));
        return new ScheduleDays(owner, last.equals(owner) ? null : last);
    }

    boolean crossesMidnight() {
        return overhang != null;
    }
}
