package br.com.healthmed.command.support;

import br.com.healthmed.testing.HostileTokens;
import br.com.healthmed.testing.SharedInfrastructure;
import br.com.healthmed.testing.TotpCodes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/** The steps every flow needs, done through the public API and checked on the way. */
public final class Scenario {

    public static final String ADMIN_EMAIL = "admin@test.healthmed.local";
    public static final String ADMIN_PASSWORD = "admin-password-for-tests";
    /** The configured ADMIN's TOTP secret (healthmed.admin.totp-secret): it is enrolled at start-up. */
    public static final String ADMIN_TOTP_SECRET = TotpCodes.TEST_SECRET;

    /**
     * One ADMIN session per server (test context), reused for 10 of its 15 minutes: the server accepts each TOTP step
     * once, so a fresh login for every test would wait for the clock. Tests that end the ADMIN's sessions log in
     * afresh with {@link #freshAdminToken()}.
     */
    private static final Map<String, Session> ADMIN_SESSIONS = new ConcurrentHashMap<>();

    private record Session(String accessToken, Instant issuedAt) {
    }

    private final Api api;
    /** The token of the first confirmation mail to an address: the JVM's shared SMTP server, unless a test has its own. */
    private final Function<String, String> confirmationToken;

    public Scenario(Api api) {
        this(api, email -> SharedInfrastructure.mailbox().confirmationToken(email));
    }

    public Scenario(Api api, Function<String, String> confirmationToken) {
        this.api = api;
        this.confirmationToken = confirmationToken;
    }

    public record Person(UUID id, String accessToken, String refreshToken, Map<String, Object> registration) {
    }

    public String adminToken() {
        Session session = ADMIN_SESSIONS.get(api.baseUrl());
        if (session != null && session.issuedAt().isAfter(Instant.now().minus(Duration.ofMinutes(10)))) {
            return session.accessToken();
        }
        return freshAdminToken();
    }

    /** A new ADMIN login: password, then the challenge answered with a code not used before. */
    public String freshAdminToken() {
        String token = staffLogin(ADMIN_EMAIL, ADMIN_PASSWORD, ADMIN_TOTP_SECRET).text("accessToken");
        ADMIN_SESSIONS.put(api.baseUrl(), new Session(token, Instant.now()));
        return token;
    }

    /**
     * An ADMIN login on a server whose clock is not the wall clock (a test holds it still or days back): the server
     * checks TOTP codes against its own clock (ADR 0024), so the code is the one for that clock's time step.
     */
    public String adminTokenAt(Clock applicationClock) {
        Api.Response login = api.post("/api/auth/admin/login")
                .body(Map.of("email", ADMIN_EMAIL, "password", ADMIN_PASSWORD)).send();
        assertThat(login.code()).as(login.toString()).isEqualTo("mfa-required");
        Api.Response completed = api.post("/api/auth/mfa").body(Map.of("challengeToken", login.text("challengeToken"),
                "code", TotpCodes.code(ADMIN_TOTP_SECRET, TotpCodes.currentStep(applicationClock)))).send();
        assertThat(completed.status()).as(completed.toString()).isEqualTo(200);
        return completed.text("accessToken");
    }

    /** The staff login of an enrolled ADMIN or AUDITOR, both steps; the answer holds the token pair. */
    public Api.Response staffLogin(String email, String password, String totpSecret) {
        Api.Response login = api.post("/api/auth/admin/login").body(Map.of("email", email, "password", password)).send();
        assertThat(login.status()).as("staff login: %s", login).isEqualTo(401);
        assertThat(login.code()).as("staff login: %s", login).isEqualTo("mfa-required");
        Api.Response completed = api.post("/api/auth/mfa").body(Map.of(
                "challengeToken", login.text("challengeToken"), "code", TotpCodes.nextCode(totpSecret))).send();
        assertThat(completed.status()).as("second factor: %s", completed).isEqualTo(200);
        return completed;
    }

    /** A new session of a doctor this scenario registered: its access token. */
    public String doctorLogin(Person doctor) {
        Api.Response login = api.post("/api/auth/doctor/login").body(Map.of("crm", doctor.registration().get("crm"),
                "uf", doctor.registration().get("uf"), "password", TestData.PASSWORD)).send();
        assertThat(login.status()).as("doctor login: %s", login).isEqualTo(200);
        return login.text("accessToken");
    }

    /** A new session of a patient this scenario registered: its access token. */
    public String patientLogin(Person patient) {
        Api.Response login = api.post("/api/auth/patient/login")
                .body(Map.of("login", patient.registration().get("email"), "password", TestData.PASSWORD)).send();
        assertThat(login.status()).as("patient login: %s", login).isEqualTo(200);
        return login.text("accessToken");
    }

    /** An AUDITOR created by the ADMIN and enrolled at its first login; its secret comes back with it. */
    public EnrolledStaff auditor() {
        String email = TestData.uniqueEmail("auditor");
        Api.Response created = api.post("/api/admin/auditors").token(adminToken())
                .body(Map.of("name", "Rita Auditora", "email", email, "password", TestData.PASSWORD)).send();
        assertThat(created.status()).as("auditor creation: %s", created).isEqualTo(201);
        EnrolledStaff enrolled = enrolAtFirstLogin(email, TestData.PASSWORD);
        return new EnrolledStaff(UUID.fromString(created.text("auditorId")), email, enrolled.totpSecret(),
                enrolled.accessToken(), enrolled.refreshToken(), enrolled.recoveryCodes());
    }

    /**
     * The first login of an ADMIN or AUDITOR without a second factor: the enrolment token, a new secret, its first code;
     * the confirmation logs in. {@code id} is null: the caller knows it.
     */
    public EnrolledStaff enrolAtFirstLogin(String email, String password) {
        Api.Response login = api.post("/api/auth/admin/login").body(Map.of("email", email, "password", password)).send();
        assertThat(login.code()).as("first staff login: %s", login).isEqualTo("mfa-enrolment-required");
        String enrolmentToken = login.text("enrolmentToken");
        Api.Response enrolment = api.post("/api/auth/mfa/enrolment").body(Map.of("enrolmentToken", enrolmentToken)).send();
        assertThat(enrolment.status()).as("enrolment: %s", enrolment).isEqualTo(200);
        String secret = enrolment.text("secret");
        Api.Response confirmed = api.post("/api/auth/mfa/enrolment/confirm")
                .body(Map.of("enrolmentToken", enrolmentToken, "code", TotpCodes.nextCode(secret))).send();
        assertThat(confirmed.status()).as("enrolment confirmation: %s", confirmed).isEqualTo(200);
        List<String> recoveryCodes = new ArrayList<>();
        confirmed.json().path("recoveryCodes").forEach(code -> recoveryCodes.add(code.asText()));
        return new EnrolledStaff(null, email, secret, confirmed.text("accessToken"), confirmed.text("refreshToken"),
                recoveryCodes);
    }

    public record EnrolledStaff(UUID id, String email, String totpSecret, String accessToken, String refreshToken,
                                List<String> recoveryCodes) {
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

    /**
     * A patient registered, confirmed through the token in the confirmation mail (ADR 0033) and logged in; the id is
     * the access token's subject (the registration's answer names nobody).
     */
    public Person patient() {
        Map<String, Object> registration = TestData.patient(TestData.uniqueEmail("patient"), TestData.cpf());
        registerAndConfirm(registration);
        Api.Response login = api.post("/api/auth/patient/login")
                .body(Map.of("login", registration.get("email"), "password", TestData.PASSWORD)).send();
        assertThat(login.status()).as("patient login: %s", login).isEqualTo(200);
        UUID patientId = HostileTokens.subjectOf(login.text("accessToken"));
        return new Person(patientId, login.text("accessToken"), login.text("refreshToken"), registration);
    }

    /** Registers a patient (202), then confirms the e-mail with the token the mail carries (204). */
    public void registerAndConfirm(Map<String, Object> registration) {
        Api.Response created = api.post("/api/patients").body(registration).send();
        assertThat(created.status()).as("patient registration: %s", created).isEqualTo(202);
        confirm((String) registration.get("email"));
    }

    /** Confirms the registration of {@code email} with the token of its first confirmation mail. */
    public void confirm(String email) {
        String token = confirmationToken.apply(email);
        Api.Response confirmed = api.post("/api/patients/confirmation").body(Map.of("token", token)).send();
        assertThat(confirmed.status()).as("e-mail confirmation: %s", confirmed).isEqualTo(204);
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
