package br.com.healthmed.command.shared;

import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.appointment.RequestAppointmentCommand;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.patient.PatientId;
import br.com.healthmed.api.schedule.DayScheduleId;
import br.com.healthmed.api.schedule.RemoveSlotCommand;
import br.com.healthmed.api.schedule.SlotId;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.common.lock.PessimisticLockFactory;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class AggregateLockingInterceptorTest {

    private final AggregateLockingInterceptor interceptor = new AggregateLockingInterceptor(PessimisticLockFactory.usingDefaults());
    private final AppointmentId appointmentId = AppointmentId.random();
    private final DoctorId doctorId = DoctorId.random();
    private final PatientId patientId = PatientId.random();
    private final SlotId slotId = SlotId.random();

    @Test
    void a_booking_locks_appointment_the_slots_day_and_patient_in_that_order_and_not_the_doctor() {
        DayScheduleId day = new DayScheduleId(doctorId, LocalDate.of(2030, 1, 8));

        assertThat(interceptor.lockOrder(GenericCommandMessage.asCommandMessage(
                new RequestAppointmentCommand(appointmentId, doctorId, day, slotId, patientId))))
                .containsExactly(appointmentId.toString(), doctorId + ":2030-01-08", patientId.toString());
    }

    @Test
    void a_booking_of_a_slot_kept_in_the_doctors_stream_locks_no_day() {
        assertThat(interceptor.lockOrder(GenericCommandMessage.asCommandMessage(
                new RequestAppointmentCommand(appointmentId, doctorId, slotId, patientId))))
                .containsExactly(appointmentId.toString(), doctorId.toString(), patientId.toString());
    }

    @Test
    void a_schedule_change_locks_its_doctor_before_the_transaction_and_its_days_inside_it() {
        assertThat(interceptor.lockOrder(GenericCommandMessage.asCommandMessage(new RemoveSlotCommand(doctorId, slotId))))
                .containsExactly(doctorId.toString());
    }
}
