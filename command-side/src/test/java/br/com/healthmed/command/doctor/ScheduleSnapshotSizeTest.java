package br.com.healthmed.command.doctor;

import br.com.healthmed.api.appointment.AppointmentId;
import br.com.healthmed.api.common.Money;
import br.com.healthmed.api.doctor.DoctorId;
import br.com.healthmed.api.doctor.DoctorRegisteredEvent;
import br.com.healthmed.api.doctor.DoctorVerifiedEvent;
import br.com.healthmed.api.doctor.Specialty;
import br.com.healthmed.api.doctor.Uf;
import br.com.healthmed.api.schedule.DayScheduleId;
import br.com.healthmed.api.schedule.SlotHeldEvent;
import br.com.healthmed.api.schedule.SlotId;
import br.com.healthmed.api.schedule.SlotPublishedEvent;
import br.com.healthmed.command.support.InMemoryPersonalDataVault;
import br.com.healthmed.command.support.SpringLikeObjectMapper;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The figure ADR 0011 decides on: what a booking deserialises. One doctor's year of slots in one aggregate (the former
 * design, 8,000 slots: a full weekly pattern of 32 half-hour slots, five days a week, fifty weeks) against one UTC
 * day of the same doctor (32 slots, all held). The day's size does not depend on how long the doctor has worked.
 */
class ScheduleSnapshotSizeTest {

    private static final Instant FIRST_DAY = Instant.parse("2030-01-07T11:00:00Z");

    private final Serializer serializer = JacksonSerializer.builder().objectMapper(SpringLikeObjectMapper.create()).build();
    private final InMemoryPersonalDataVault vault = new InMemoryPersonalDataVault();
    private final DoctorId doctorId = DoctorId.random();

    /** {@code count} half-hour slots, 32 a day from 08:00 in São Paulo, each held by an appointment. */
    private List<Object> heldSlots(int count) {
        List<Object> events = new ArrayList<>(2 * count);
        for (int i = 0; i < count; i++) {
            Instant start = FIRST_DAY.plus(Duration.ofDays(i / 32)).plus(Duration.ofMinutes(30L * (i % 32)));
            SlotId slotId = SlotId.random();
            events.add(new SlotPublishedEvent(doctorId, slotId, start, start.plus(Duration.ofMinutes(30))));
            events.add(new SlotHeldEvent(doctorId, slotId, AppointmentId.random()));
        }
        return events;
    }

    private int doctorSnapshotBytes(int slots) {
        var subject = doctorId.value();
        List<Object> history = new ArrayList<>(List.of(new DoctorRegisteredEvent(doctorId, vault.seal(subject, "Ana Souza"),
                        vault.seal(subject, "123456"), Uf.SP, vault.seal(subject, "ana@clinica.com.br"), Specialty.CARDIOLOGIA,
                        Money.brl("250.00"), "America/Sao_Paulo"),
                new DoctorVerifiedEvent(doctorId)));
        history.addAll(heldSlots(slots));
        AtomicInteger bytes = new AtomicInteger();
        new AggregateTestFixture<>(Doctor.class).given(history)
                .whenInvoking(doctorId.toString(), doctor -> bytes.set(serializer.serialize(doctor, byte[].class).getData().length));
        return bytes.get();
    }

    private int dayScheduleSnapshotBytes(int slots) {
        AtomicInteger bytes = new AtomicInteger();
        new AggregateTestFixture<>(DaySchedule.class).given(heldSlots(slots))
                .whenInvoking(DayScheduleId.of(doctorId, FIRST_DAY).toString(),
                        day -> bytes.set(serializer.serialize(day, byte[].class).getData().length));
        return bytes.get();
    }

    @Test
    void a_busy_day_is_a_few_kilobytes_while_a_year_in_one_aggregate_is_about_a_megabyte() {
        int year = doctorSnapshotBytes(8_000);
        int day = dayScheduleSnapshotBytes(32);

        System.out.printf("Doctor with 8,000 held slots: %,d bytes; DaySchedule with 32 held slots: %,d bytes (%.0fx)%n",
                year, day, (double) year / day);
        assertThat(day).isLessThan(16 * 1024);
        assertThat(year).isGreaterThan(100 * day);
    }
}
