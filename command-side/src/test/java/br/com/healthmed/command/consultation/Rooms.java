package br.com.healthmed.command.consultation;

import br.com.healthmed.command.support.Api;
import br.com.healthmed.command.support.Scenario;
import br.com.healthmed.command.support.Scenario.Person;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Accepted appointments and their room tickets, made through the public API. */
final class Rooms {

    private final Api api;
    private final Scenario scenario;
    private String adminToken;

    Rooms(Api api) {
        this.api = api;
        this.scenario = new Scenario(api);
    }

    record Room(UUID appointmentId, Person doctor, Person patient) {
    }

    Scenario scenario() {
        return scenario;
    }

    String adminToken() {
        if (adminToken == null) {
            adminToken = scenario.adminToken();
        }
        return adminToken;
    }

    /** An accepted appointment {@code daysAhead} days from now, its patient's consent recorded. */
    Room accepted(int daysAhead) {
        Room room = requested(daysAhead);
        Api.Response accepted = api.post("/api/appointments/" + room.appointmentId() + "/accept")
                .token(room.doctor().accessToken()).send();
        assertThat(accepted.status()).as("accept: %s", accepted).isEqualTo(200);
        Api.Response consent = consent(room.appointmentId(), room.patient().accessToken());
        assertThat(consent.status()).as("consent: %s", consent).isEqualTo(204);
        return room;
    }

    Room requested(int daysAhead) {
        Person doctor = scenario.verifiedDoctor(adminToken());
        Person patient = scenario.patient();
        UUID slot = scenario.publishSlot(doctor, daysAhead, 9);
        return new Room(scenario.requested(patient, slot), doctor, patient);
    }

    Api.Response consent(UUID appointmentId, String token) {
        return api.post("/api/appointments/" + appointmentId + "/consultation/consent").token(token).send();
    }

    /** Without a token when {@code token} is null. */
    Api.Response ticket(UUID appointmentId, String token) {
        Api.Request request = api.post("/api/appointments/" + appointmentId + "/consultation/tickets");
        return (token == null ? request : request.token(token)).send();
    }

    String ticketOf(UUID appointmentId, Person person) {
        Api.Response ticket = ticket(appointmentId, person.accessToken());
        assertThat(ticket.status()).as("ticket: %s", ticket).isEqualTo(201);
        return ticket.text("ticket");
    }

    Api.Response end(UUID appointmentId, String token) {
        return api.post("/api/appointments/" + appointmentId + "/consultation/end").token(token).send();
    }

    Api.Response cancel(Room room) {
        return api.post("/api/appointments/" + room.appointmentId() + "/cancel").token(room.patient().accessToken())
                .body(java.util.Map.of("justification", "Não poderei comparecer nesse horário")).send();
    }
}
