package br.com.healthmed.command.support;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The steps every flow needs, done through the public API and checked on the way. */
public final class Scenario {

    public static final String ADMIN_EMAIL = "admin@test.healthmed.local";
    public static final String ADMIN_PASSWORD = "admin-password-for-tests";

    private final Api api;

    public Scenario(Api api) {
        this.api = api;
    }

    public record Person(UUID id, String accessToken, String refreshToken, Map<String, Object> registration) {
    }

    public String adminToken() {
        Api.Response login = api.post("/api/auth/admin/login")
                .body(Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD)).send();
        assertThat(login.status()).as("admin login: %s", login).isEqualTo(200);
        return login.text("accessToken");
    }

    public Person unverifiedDoctor() {
        Map<String, Object> registration = TestData.doctor(TestData.crmNumber(), "SP");
        Api.Response created = api.post("/api/doctors").body(registration).send();
        assertThat(created.status()).as("doctor registration: %s", created).isEqualTo(201);
        UUID doctorId = UUID.fromString(created.text("doctorId"));
        Api.Response login = api.post("/api/auth/doctor/login").body(Map.of(
                "crm", registration.get("crm"), "uf", registration.get("uf"), "password", TestData.PASSWORD)).send();
        assertThat(login.status()).as("doctor login: %s", login).isEqualTo(200);
        return new Person(doctorId, login.text("accessToken"), login.text("refreshToken"), registration);
    }

    public Person verifiedDoctor(String adminToken) {
        Person doctor = unverifiedDoctor();
        Api.Response verified = api.post("/api/admin/doctors/" + doctor.id() + "/verification").token(adminToken).send();
        assertThat(verified.status()).as("verification: %s", verified).isEqualTo(204);
        return doctor;
    }

    public Person patient() {
        Map<String, Object> registration = TestData.patient(TestData.uniqueEmail("patient"), TestData.cpf());
        Api.Response created = api.post("/api/patients").body(registration).send();
        assertThat(created.status()).as("patient registration: %s", created).isEqualTo(201);
        UUID patientId = UUID.fromString(created.text("patientId"));
        Api.Response login = api.post("/api/auth/patient/login")
                .body(Map.of("login", registration.get("email"), "password", TestData.PASSWORD)).send();
        assertThat(login.status()).as("patient login: %s", login).isEqualTo(200);
        return new Person(patientId, login.text("accessToken"), login.text("refreshToken"), registration);
    }

    public UUID publishSlot(Person doctor, int daysAhead, int hour) {
        Api.Response published = api.post("/api/doctors/me/slots").token(doctor.accessToken())
                .body(TestData.slot(daysAhead, hour)).send();
        assertThat(published.status()).as("publish slot: %s", published).isEqualTo(201);
        return UUID.fromString(published.json().path("slotIds").get(0).asText());
    }

    public Api.Response request(Person patient, UUID slotId) {
        return api.post("/api/appointments").token(patient.accessToken()).body(Map.of("slotId", slotId.toString())).send();
    }

    public UUID requested(Person patient, UUID slotId) {
        Api.Response response = request(patient, slotId);
        assertThat(response.status()).as("request: %s", response).isEqualTo(201);
        return UUID.fromString(response.text("appointmentId"));
    }
}
