package br.com.healthmed.command.appointment;

import br.com.healthmed.api.patient.PatientId;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class BookedAppointmentsTest {

    private final PatientId maria = new PatientId(UUID.fromString("6f1c2d3e-0000-4000-8000-000000000001"));
    private final PatientId joao = new PatientId(UUID.fromString("6f1c2d3e-0000-4000-8000-000000000002"));

    @Test
    void a_retry_with_the_same_key_names_the_same_appointment() {
        assertThat(BookedAppointments.idFor(maria, "key-1")).isEqualTo(BookedAppointments.idFor(maria, "key-1"));
    }

    @Test
    void another_key_or_another_patient_names_another_appointment() {
        assertThat(BookedAppointments.idFor(maria, "key-1")).isNotEqualTo(BookedAppointments.idFor(maria, "key-2"));
        assertThat(BookedAppointments.idFor(maria, "key-1")).isNotEqualTo(BookedAppointments.idFor(joao, "key-1"));
    }

    /** Stored appointments were named by this derivation: changing it would make retries miss them. */
    @Test
    void the_derivation_never_changes() {
        assertThat(BookedAppointments.idFor(maria, "key-1").value())
                .isEqualTo(UUID.fromString("ceae1451-4148-369e-9ff1-e07a6f5f505b"));
    }
}
