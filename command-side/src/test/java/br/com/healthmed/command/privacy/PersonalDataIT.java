package br.com.healthmed.command.privacy;

import br.com.healthmed.api.appointment.AppointmentCancelledEvent;
import br.com.healthmed.api.doctor.DoctorRegisteredEvent;
import br.com.healthmed.api.patient.PatientRegisteredEvent;
import br.com.healthmed.command.support.Api;
import br.com.healthmed.command.support.IntegrationTest;
import br.com.healthmed.command.support.Scenario;
import br.com.healthmed.command.support.Scenario.Person;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** LGPD: personal data never sits in clear in the event store, and shredding a person's key erases it everywhere. */
@IntegrationTest
class PersonalDataIT {

    private static final String JUSTIFICATION = "Estou com sintomas de gripe forte e febre alta.";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventStore eventStore;

    @Autowired
    PersonalDataVault vault;

    @Test
    void stored_event_payloads_hold_no_plain_personal_data() {
        Api api = new Api(port);
        Scenario scenario = new Scenario(api);
        Person doctor = scenario.verifiedDoctor(scenario.adminToken());
        Person patient = scenario.patient();
        UUID appointmentId = scenario.requested(patient, scenario.publishSlot(doctor, 20, 10));
        assertThat(api.post("/api/appointments/" + appointmentId + "/cancel").token(patient.accessToken())
                .body(Map.of("justification", JUSTIFICATION)).send().status()).isEqualTo(200);

        String everything = String.join("\n", jdbc.sql("SELECT payload, meta_data FROM domain_event_entry")
                .query((rs, row) -> new String(rs.getBytes(1), StandardCharsets.UTF_8) + new String(rs.getBytes(2), StandardCharsets.UTF_8))
                .list());
        String cpf = (String) patient.registration().get("cpf");
        assertThat(everything)
                .contains(patient.id().toString())
                .doesNotContain(cpf, cpf.replaceAll("[.-]", ""))
                .doesNotContainIgnoringCase((String) patient.registration().get("email"))
                .doesNotContain((String) patient.registration().get("name"), (String) doctor.registration().get("name"))
                .doesNotContainIgnoringCase((String) doctor.registration().get("email"))
                .doesNotContain("5511912345678", "1988-04-12", JUSTIFICATION);
    }

    @Test
    void after_erasure_the_events_still_load_but_the_patients_data_is_unreadable() {
        Api api = new Api(port);
        Scenario scenario = new Scenario(api);
        Person doctor = scenario.verifiedDoctor(scenario.adminToken());
        Person patient = scenario.patient();
        UUID appointmentId = scenario.requested(patient, scenario.publishSlot(doctor, 21, 10));
        assertThat(api.post("/api/appointments/" + appointmentId + "/cancel").token(patient.accessToken())
                .body(Map.of("justification", JUSTIFICATION)).send().status()).isEqualTo(200);
        UUID stillActive = scenario.requested(patient, scenario.publishSlot(doctor, 21, 11));
        assertThat(api.post("/api/appointments/" + stillActive + "/accept").token(doctor.accessToken()).send().status())
                .isEqualTo(200);
        PatientRegisteredEvent registered = only(patient.id(), PatientRegisteredEvent.class);
        assertThat(vault.open(registered.name())).contains("Maria da Silva");

        assertThat(api.delete("/api/patients/me").token(patient.accessToken()).send().status()).isEqualTo(204);

        // The erased patient's aggregates still replay: the doctor can cancel their accepted appointment...
        assertThat(api.post("/api/appointments/" + stillActive + "/cancel").token(doctor.accessToken())
                .body(Map.of("justification", "Consulta remarcada pela clínica.")).send().status()).isEqualTo(200);
        // ...and text written about them afterwards is unreadable from the start, not sealed with a new key.
        assertThat(vault.open(only(stillActive, AppointmentCancelledEvent.class).justification())).isEmpty();

        PatientRegisteredEvent replayed = only(patient.id(), PatientRegisteredEvent.class);
        assertThat(vault.open(replayed.name())).isEmpty();
        assertThat(vault.open(replayed.email())).isEmpty();
        assertThat(vault.open(replayed.cpf())).isEmpty();
        AppointmentCancelledEvent cancelled = only(appointmentId, AppointmentCancelledEvent.class);
        assertThat(cancelled.patientId().value()).isEqualTo(patient.id());
        assertThat(vault.open(cancelled.justification())).isEmpty();
        DoctorRegisteredEvent doctorRegistered = only(doctor.id(), DoctorRegisteredEvent.class);
        assertThat(vault.open(doctorRegistered.name())).as("other people's data is untouched").contains("Dr. João Pereira");

        Api.Response login = api.post("/api/auth/patient/login")
                .body(Map.of("login", patient.registration().get("email"), "password", "s3nha-de-teste-longa")).send();
        assertThat(login.status()).as("the erased patient's login is gone").isEqualTo(401);
    }

    private <T> T only(UUID aggregateId, Class<T> type) {
        List<Object> payloads = eventStore.readEvents(aggregateId.toString()).asStream()
                .map(DomainEventMessage::getPayload).map(Object.class::cast).toList();
        return payloads.stream().filter(type::isInstance).map(type::cast).reduce((a, b) -> {
            throw new AssertionError("more than one " + type.getSimpleName());
        }).orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " in " + payloads));
    }
}
