package br.com.healthmed.query.support;

import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.appointment.AppointmentRequestedEvent;
import br.com.healthmed.api.common.Money;
import br.com.healthmed.api.doctor.DoctorDeactivatedEvent;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.doctor.DoctorRegisteredEvent;
import br.com.healthmed.api.doctor.Specialty;
import br.com.healthmed.api.doctor.Uf;
import br.com.healthmed.api.patient.PatientId;
import br.com.healthmed.api.patient.PatientRegisteredEvent;
import br.com.healthmed.api.schedule.SlotId;
import br.com.healthmed.api.schedule.SlotPublishedEvent;

import java.time.Instant;

/** Events as the command side writes them, with personal fields sealed under the test keys. */
public final class TestEvents {

    private final PersonKeys keys;

    public TestEvents(PersonKeys keys) {
        this.keys = keys;
    }

    public DoctorRegisteredEvent doctorRegistered(DoctorId doctor, String name, Specialty specialty, String price) {
        return new DoctorRegisteredEvent(doctor,
                keys.seal(doctor.value(), name),
                keys.seal(doctor.value(), "123456"),
                Uf.SP,
                keys.seal(doctor.value(), doctor.value() + "@medicos.test"),
                specialty,
                Money.brl(price),
                "America/Sao_Paulo");
    }

    public DoctorDeactivatedEvent doctorDeactivated(DoctorId doctor) {
        return new DoctorDeactivatedEvent(doctor, keys.seal(doctor.value(), "Registro cassado pelo conselho"));
    }

    public PatientRegisteredEvent patientRegistered(PatientId patient, String name) {
        return new PatientRegisteredEvent(patient,
                keys.seal(patient.value(), name),
                keys.seal(patient.value(), patient.value() + "@pacientes.test"),
                keys.seal(patient.value(), "52998224725"),
                null,
                null);
    }

    public static SlotPublishedEvent slot(DoctorId doctor, SlotId slot, Instant start) {
        return new SlotPublishedEvent(doctor, slot, start, start.plusSeconds(30 * 60));
    }

    public static AppointmentRequestedEvent requested(AppointmentId appointment, DoctorId doctor, PatientId patient,
                                                      SlotId slot, Instant start, String price) {
        return new AppointmentRequestedEvent(appointment, doctor, patient, slot, start, start.plusSeconds(30 * 60),
                Money.brl(price));
    }
}
