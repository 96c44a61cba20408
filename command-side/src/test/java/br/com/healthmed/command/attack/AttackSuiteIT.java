package br.com.healthmed.command.attack;

import br.com.healthmed.api.common.Role;
import br.com.healthmed.command.support.IntegrationTest;
import br.com.healthmed.command.support.TestData;
import br.com.healthmed.command.support.Scenario;
import br.com.healthmed.testing.TotpCodes;
import br.com.healthmed.testing.ApiOperations;
import br.com.healthmed.testing.ApiOperations.Operation;
import br.com.healthmed.testing.HostileClient;
import br.com.healthmed.testing.HostileClient.Answer;
import br.com.healthmed.testing.HostileInput;
import br.com.healthmed.testing.HostileTokens;
import br.com.healthmed.testing.SecureAnswers;
import br.com.healthmed.testing.SharedInfrastructure;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command side under attack, black box over HTTP (issue 9, "An attack suite"). The endpoint list is the running
 * application's own {@code /v3/api-docs}; {@link #MATRIX} says for each operation who may call it, whose object it
 * touches and what a plausible body looks like, and a documented operation missing from the matrix fails the suite.
 * For every operation it sends missing, expired, unsigned, wrongly signed, algorithm-confused, tampered, logged-out and
 * erased tokens; every wrong role and every wrong owner; oversized, deeply nested, huge-number, control-character,
 * operator-laden and mistyped bodies; hostile path variables and headers. Then brute force with and without a spoofed
 * {@code X-Forwarded-For} on every path that checks a password, guessing of second-factor codes and recovery codes by
 * someone who knows the password, a registration flood and pending-request hoarding.
 * Each answer must be the secure one: its status and problem code, no 5xx, nothing leaked, and the stores unchanged
 * where a refusal is expected.
 * <p>
 * Only 127.0.0.1 is a trusted proxy here, as the gateway is in production; the suite reaches the server from 127.0.0.2
 * to play a client that talks to the application directly and lies in {@code X-Forwarded-For}. The registration limit
 * and the pending-request cap are the production defaults (the other integration tests lift the first); seeding
 * therefore spreads its registrations over distinct forwarded addresses, as real clients behind the gateway would be.
 * The hourly request rate is doubled so the hoarding test can try every slot after its burst.
 * <p>
 * Cases an older regression test already proves are not repeated: login throttles spread over many addresses
 * ({@code LoginThrottleIT}), the address bucket behind a trusted proxy ({@code AddressThrottleIT}), the registration
 * throttle per forwarded address ({@code RegistrationThrottleIT}), the pending cap one request at a time and the request
 * rate ({@code SlotHoardingIT}), bounded hashing ({@code PasswordHashingIT}).
 */
@IntegrationTest
@TestPropertySource(properties = {
        "server.tomcat.remoteip.internal-proxies=127\\.0\\.0\\.1",
        "healthmed.security.registration-throttle.per-address=10",
        "healthmed.patient-requests.per-window=20",
        "healthmed.patient-requests.max-pending=3",
        // The JVM's shared SMTP server (the test infrastructure's default) carries the registrations' confirmation mails;
        // with an SMTP host the notification dead-letter endpoints exist too, so they are attacked as well.
        // Two cores shared with other builds: a store answer slower than production's 1 s or 2 s is load, not a fault.
        "spring.data.redis.timeout=10s",
        "spring.datasource.hikari.connection-timeout=10000"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttackSuiteIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JUSTIFICATION = "Justificativa com tamanho suficiente.";
    private static final String WRONG_PASSWORD = "not-the-password-at-all";
    private static final Set<Role> ANY_ROLE = EnumSet.allOf(Role.class);
    private static final AtomicInteger ADDRESSES = new AtomicInteger();
    private static final SecureRandom GUESSES = new SecureRandom();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Value("${healthmed.security.jwt.key-directory}")
    Path keyDirectory;

    HostileClient gateway;
    HostileClient untrusted;
    List<Operation> operations;
    Seeds seeds;

    /** Who may call an operation, whose object it touches, and a body that would pass validation but for one field. */
    record Rule(Set<Role> roles, Ownership ownership, Supplier<Map<String, Object>> body, boolean checksPassword) {
        boolean isPublic() {
            return roles.isEmpty();
        }
    }

    enum Ownership {
        /** Public, or staff-wide: no object belongs to the caller. */
        NONE,
        /** Acts on the caller's own account or schedule only ({@code /me}, the caller's own bookings). */
        SELF,
        /** Names someone's object in the path: the owner cases must prove another caller of the right role gets 404. */
        OWNED
    }

    private static Rule rule(Set<Role> roles, Ownership ownership, Supplier<Map<String, Object>> body) {
        return new Rule(roles, ownership, body, false);
    }

    private static Rule passwordChecking(Set<Role> roles, Ownership ownership, Supplier<Map<String, Object>> body) {
        return new Rule(roles, ownership, body, true);
    }

    private static final Set<Role> PUBLIC = Set.of();

    /** Every documented operation of the command side. A new endpoint fails the suite until it has its row. */
    private static final Map<String, Rule> MATRIX = Map.ofEntries(
            Map.entry("POST /api/admin/auditors", rule(Set.of(Role.ADMIN), Ownership.NONE,
                    () -> body("name", "Ana Auditora", "email", TestData.uniqueEmail("auditor"), "password", TestData.PASSWORD))),
            Map.entry("POST /api/admin/doctors/{doctorId}/deactivation", rule(Set.of(Role.ADMIN), Ownership.NONE,
                    () -> body("reason", JUSTIFICATION))),
            Map.entry("POST /api/admin/doctors/{doctorId}/reactivation", rule(Set.of(Role.ADMIN), Ownership.NONE, null)),
            Map.entry("POST /api/admin/doctors/{doctorId}/verification", rule(Set.of(Role.ADMIN), Ownership.NONE, null)),
            Map.entry("POST /api/admin/doctors/{doctorId}/rejection", rule(Set.of(Role.ADMIN), Ownership.NONE,
                    () -> body("reason", JUSTIFICATION))),
            Map.entry("POST /api/admin/doctors/{doctorId}/revocation", rule(Set.of(Role.ADMIN), Ownership.NONE,
                    () -> body("reason", JUSTIFICATION))),
            Map.entry("POST /api/admin/privacy/master-key-rotation", rule(Set.of(Role.ADMIN), Ownership.NONE, null)),
            Map.entry("GET /api/admin/privacy/master-key-rotation", rule(Set.of(Role.ADMIN), Ownership.NONE, null)),
            Map.entry("GET /api/admin/notifications/dead-letters", rule(Set.of(Role.ADMIN), Ownership.NONE, null)),
            Map.entry("DELETE /api/admin/notifications/dead-letters/{id}", rule(Set.of(Role.ADMIN), Ownership.NONE, null)),
            Map.entry("POST /api/admin/notifications/dead-letters/{id}/retry", rule(Set.of(Role.ADMIN), Ownership.NONE, null)),
            Map.entry("POST /api/admin/staff/{staffId}/deactivation", rule(Set.of(Role.ADMIN), Ownership.NONE,
                    () -> body("reason", JUSTIFICATION))),
            Map.entry("POST /api/admin/staff/{staffId}/reactivation", rule(Set.of(Role.ADMIN), Ownership.NONE, null)),
            Map.entry("POST /api/appointments", rule(Set.of(Role.PATIENT), Ownership.SELF,
                    () -> body("slotId", UUID.randomUUID().toString()))),
            Map.entry("POST /api/appointments/{appointmentId}/accept", rule(Set.of(Role.DOCTOR), Ownership.OWNED, null)),
            Map.entry("POST /api/appointments/{appointmentId}/cancel", rule(Set.of(Role.PATIENT, Role.DOCTOR), Ownership.OWNED,
                    () -> body("justification", JUSTIFICATION))),
            Map.entry("POST /api/appointments/{appointmentId}/no-show", rule(Set.of(Role.DOCTOR), Ownership.OWNED,
                    () -> body("reason", JUSTIFICATION))),
            Map.entry("POST /api/appointments/{appointmentId}/reject", rule(Set.of(Role.DOCTOR), Ownership.OWNED,
                    () -> body("reason", JUSTIFICATION))),
            Map.entry("POST /api/appointments/{appointmentId}/reschedule", rule(Set.of(Role.PATIENT, Role.DOCTOR), Ownership.OWNED,
                    () -> body("slotId", UUID.randomUUID().toString()))),
            Map.entry("POST /api/appointments/{appointmentId}/consultation/consent", rule(Set.of(Role.PATIENT), Ownership.OWNED, null)),
            Map.entry("POST /api/appointments/{appointmentId}/consultation/tickets", rule(Set.of(Role.PATIENT, Role.DOCTOR),
                    Ownership.OWNED, null)),
            Map.entry("POST /api/appointments/{appointmentId}/consultation/end", rule(Set.of(Role.DOCTOR), Ownership.OWNED, null)),
            Map.entry("POST /api/consultations/ice-servers", rule(Set.of(Role.PATIENT, Role.DOCTOR), Ownership.SELF, null)),
            Map.entry("POST /api/auth/admin/login", passwordChecking(PUBLIC, Ownership.NONE,
                    () -> body("email", "nobody.admin@example.com", "password", WRONG_PASSWORD))),
            Map.entry("POST /api/auth/doctor/login", passwordChecking(PUBLIC, Ownership.NONE,
                    () -> body("crm", "999999", "uf", "AC", "password", WRONG_PASSWORD))),
            Map.entry("POST /api/auth/patient/login", passwordChecking(PUBLIC, Ownership.NONE,
                    () -> body("login", "nobody.patient@example.com", "password", WRONG_PASSWORD))),
            Map.entry("POST /api/auth/doctor/password-reset", rule(PUBLIC, Ownership.NONE, () -> body("crm", "999998", "uf", "AC"))),
            Map.entry("POST /api/auth/admin/password-reset", rule(PUBLIC, Ownership.NONE,
                    () -> body("email", "nobody.staff@example.com"))),
            Map.entry("POST /api/auth/patient/password-reset", rule(PUBLIC, Ownership.NONE,
                    () -> body("email", "nobody.reset@example.com"))),
            Map.entry("POST /api/auth/password-reset/confirm", rule(PUBLIC, Ownership.NONE,
                    () -> body("token", "A".repeat(43), "newPassword", "a brand new long password"))),
            Map.entry("POST /api/auth/logout", rule(PUBLIC, Ownership.NONE, () -> body("refreshToken", "not-a-refresh-token"))),
            // The second factor's codes are brute-force bounded by the challenge (spent after five wrong codes) and the
            // login buckets: the guessing cases below try both, from one client and from many.
            Map.entry("POST /api/auth/mfa", rule(PUBLIC, Ownership.NONE,
                    () -> body("challengeToken", "not-a-challenge-token", "code", "123456"))),
            Map.entry("POST /api/auth/mfa/enrolment", rule(PUBLIC, Ownership.NONE,
                    () -> body("enrolmentToken", "not-an-enrolment-token"))),
            Map.entry("POST /api/auth/mfa/enrolment/confirm", rule(PUBLIC, Ownership.NONE,
                    () -> body("enrolmentToken", "not-an-enrolment-token", "code", "123456"))),
            Map.entry("POST /api/auth/mfa/disable", rule(ANY_ROLE, Ownership.SELF, () -> body("code", "123456"))),
            Map.entry("POST /api/admin/accounts/{accountId}/mfa-reset", rule(Set.of(Role.ADMIN), Ownership.NONE,
                    () -> body("reason", JUSTIFICATION))),
            Map.entry("POST /api/auth/refresh", rule(PUBLIC, Ownership.NONE, () -> body("refreshToken", "not-a-refresh-token"))),
            Map.entry("POST /api/auth/password", passwordChecking(ANY_ROLE, Ownership.SELF,
                    () -> body("currentPassword", WRONG_PASSWORD, "newPassword", "a brand new long password"))),
            Map.entry("POST /api/doctors", rule(PUBLIC, Ownership.NONE, () -> new LinkedHashMap<>(TestData.doctor(TestData.crmNumber(), "SP")))),
            Map.entry("PUT /api/doctors/me/profile", rule(Set.of(Role.DOCTOR), Ownership.SELF,
                    () -> body("name", "Dra. Ana Lima", "email", TestData.uniqueEmail("profile"), "specialty", "PEDIATRIA",
                            "consultationPrice", 180, "timeZone", "America/Sao_Paulo"))),
            Map.entry("POST /api/doctors/me/slots", rule(Set.of(Role.DOCTOR), Ownership.SELF, () -> new LinkedHashMap<>(TestData.slot(20, 7)))),
            Map.entry("DELETE /api/doctors/me/slots/{slotId}", rule(Set.of(Role.DOCTOR), Ownership.OWNED, null)),
            Map.entry("PUT /api/doctors/me/slots/{slotId}", rule(Set.of(Role.DOCTOR), Ownership.OWNED,
                    () -> new LinkedHashMap<>(TestData.slot(21, 7)))),
            Map.entry("POST /api/patients", rule(PUBLIC, Ownership.NONE,
                    () -> new LinkedHashMap<>(TestData.patient(TestData.uniqueEmail("flood"), TestData.cpf())))),
            Map.entry("POST /api/patients/confirmation", rule(PUBLIC, Ownership.NONE, () -> body("token", "A".repeat(43)))),
            Map.entry("POST /api/patients/confirmation/resend", rule(PUBLIC, Ownership.NONE,
                    () -> body("email", "nobody.confirmation@example.com"))),
            Map.entry("DELETE /api/patients/me", passwordChecking(Set.of(Role.PATIENT), Ownership.SELF,
                    () -> body("password", WRONG_PASSWORD))));

    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    /** A client address of its own for each seeded person, as if each came through the gateway from home. */
    static String nextAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "198.18." + (n / 250) + "." + (n % 250 + 1);
    }

    record Person(UUID id, String accessToken, String refreshToken, String login, String address) {
    }

    /** The data every attack needs, made once through the API. */
    record Seeds(String admin, String auditor, Person doctor, Person otherDoctor, Person sweeper, Person patient,
                 Person otherPatient, Person hoarder, String loggedOutPatient, String loggedOutDoctor, String erasedPatient,
                 UUID doctorsSlot, UUID otherDoctorsSlot, UUID freeSlot, UUID appointment, List<String> personalData) {

        String tokenOf(Role role) {
            return switch (role) {
                case ADMIN -> admin;
                case AUDITOR -> auditor;
                case DOCTOR -> doctor.accessToken();
                case PATIENT -> patient.accessToken();
            };
        }
    }

    @BeforeAll
    void seed() {
        gateway = HostileClient.to("http://127.0.0.1:" + port);
        untrusted = gateway.from("127.0.0.2");
        operations = ApiOperations.of(gateway.baseUrl());

        String admin = staffLogin("admin@test.healthmed.local", "admin-password-for-tests", Scenario.ADMIN_TOTP_SECRET,
                nextAddress());
        String auditorEmail = TestData.uniqueEmail("auditor");
        expect(gateway.call("POST", "/api/admin/auditors").bearer(admin).forwardedFor(nextAddress())
                .json(body("name", "Ana Auditora", "email", auditorEmail, "password", TestData.PASSWORD)).sendPatiently(), 201);
        String auditor = enrolAtFirstLogin(auditorEmail, TestData.PASSWORD, nextAddress());
        Person doctor = doctor(admin);
        Person otherDoctor = doctor(admin);
        Person sweeper = doctor(admin);
        Person patient = patient();
        Person otherPatient = patient();
        Person hoarder = patient();
        Person loggedOut = patient();
        Person erased = patient();

        UUID doctorsSlot = publish(doctor, 10, 10);
        UUID otherDoctorsSlot = publish(otherDoctor, 10, 11);
        UUID freeSlot = publish(doctor, 10, 14);
        Answer requested = expect(gateway.call("POST", "/api/appointments").bearer(patient.accessToken())
                .forwardedFor(patient.address()).json(body("slotId", publish(doctor, 10, 12).toString())).sendPatiently(), 201);
        UUID appointment = UUID.fromString(requested.text("appointmentId"));

        expect(gateway.call("POST", "/api/auth/logout").bearer(loggedOut.accessToken()).forwardedFor(loggedOut.address())
                .json(body("refreshToken", loggedOut.refreshToken())).sendPatiently(), 204);
        Answer secondLogin = login("/api/auth/doctor/login", body("crm", doctor.login().split("/")[0], "uf", "SP",
                "password", TestData.PASSWORD), doctor.address());
        expect(gateway.call("POST", "/api/auth/logout").bearer(secondLogin.text("accessToken")).forwardedFor(doctor.address())
                .json(body("refreshToken", secondLogin.text("refreshToken"))).sendPatiently(), 204);
        expect(gateway.call("DELETE", "/api/patients/me").bearer(erased.accessToken()).forwardedFor(erased.address())
                .json(body("password", TestData.PASSWORD)).sendPatiently(), 204);

        List<String> personalData = List.of(patient.login(), otherPatient.login(), hoarder.login(), auditorEmail);
        seeds = new Seeds(admin, auditor, doctor, otherDoctor, sweeper, patient, otherPatient, hoarder,
                loggedOut.accessToken(), secondLogin.text("accessToken"), erased.accessToken(), doctorsSlot, otherDoctorsSlot,
                freeSlot, appointment, personalData);
    }

    private Answer login(String path, Map<String, Object> credentials, String address) {
        return expect(gateway.call("POST", path).forwardedFor(address).json(credentials).sendPatiently(), 200);
    }

    /** An enrolled ADMIN's login: the password answers a challenge, a fresh code completes it (ADR 0024). */
    private String staffLogin(String email, String password, String totpSecret, String address) {
        String challenge = expect(gateway.call("POST", "/api/auth/admin/login").forwardedFor(address)
                .json(body("email", email, "password", password)).sendPatiently(), 401).text("challengeToken");
        return expect(gateway.call("POST", "/api/auth/mfa").forwardedFor(address)
                .json(body("challengeToken", challenge, "code", TotpCodes.nextCode(totpSecret))).sendPatiently(), 200)
                .text("accessToken");
    }

    /** An AUDITOR's first login: it must enrol a second factor, and the confirmation logs it in. */
    private String enrolAtFirstLogin(String email, String password, String address) {
        return enrolAtFirstLogin(email, password, address, gateway).accessToken();
    }

    /** An enrolled staff account, as its owner's authenticator and printed recovery codes know it. */
    record EnrolledStaff(String email, String totpSecret, List<String> recoveryCodes, String address, String accessToken) {
    }

    private EnrolledStaff enrolAtFirstLogin(String email, String password, String address, HostileClient gateway) {
        String enrolmentToken = expect(gateway.call("POST", "/api/auth/admin/login").forwardedFor(address)
                .json(body("email", email, "password", password)).sendPatiently(), 401).text("enrolmentToken");
        String secret = expect(gateway.call("POST", "/api/auth/mfa/enrolment").forwardedFor(address)
                .json(body("enrolmentToken", enrolmentToken)).sendPatiently(), 200).text("secret");
        Answer confirmed = expect(gateway.call("POST", "/api/auth/mfa/enrolment/confirm").forwardedFor(address)
                .json(body("enrolmentToken", enrolmentToken, "code", TotpCodes.nextCode(secret))).sendPatiently(), 200);
        List<String> recoveryCodes = new ArrayList<>();
        confirmed.json().path("recoveryCodes").forEach(code -> recoveryCodes.add(code.asText()));
        return new EnrolledStaff(email, secret, List.copyOf(recoveryCodes), address, confirmed.text("accessToken"));
    }

    /** A new AUDITOR, enrolled from an address of its own, which is therefore a known client of its second factor. */
    private EnrolledStaff enrolledAuditor() {
        String email = TestData.uniqueEmail("auditor");
        expect(gateway.call("POST", "/api/admin/auditors").bearer(seeds.admin()).forwardedFor(nextAddress())
                .json(body("name", "Ana Auditora", "email", email, "password", TestData.PASSWORD)).sendPatiently(), 201);
        EnrolledStaff auditor = enrolAtFirstLogin(email, TestData.PASSWORD, nextAddress(), gateway);
        assertThat(auditor.recoveryCodes()).as("recovery codes shown at enrolment").isNotEmpty();
        return auditor;
    }

    private Person patient() {
        String address = nextAddress();
        Map<String, Object> registration = TestData.patient(TestData.uniqueEmail("patient"), TestData.cpf());
        registerAndConfirm(registration, address);
        Answer login = login("/api/auth/patient/login", body("login", registration.get("email"), "password", TestData.PASSWORD), address);
        UUID id = HostileTokens.subjectOf(login.text("accessToken"));
        return new Person(id, login.text("accessToken"), login.text("refreshToken"), (String) registration.get("email"), address);
    }

    /** Registration (202, ADR 0033), then the confirmation with the token of the mail. */
    private void registerAndConfirm(Map<String, Object> registration, String address) {
        expect(gateway.call("POST", "/api/patients").forwardedFor(address).json(registration).sendPatiently(), 202);
        String token = SharedInfrastructure.mailbox().confirmationToken((String) registration.get("email"));
        expect(gateway.call("POST", "/api/patients/confirmation").forwardedFor(address).json(body("token", token))
                .sendPatiently(), 204);
    }

    private Person doctor(String admin) {
        String address = nextAddress();
        String crm = TestData.crmNumber();
        UUID id = UUID.fromString(expect(gateway.call("POST", "/api/doctors").forwardedFor(address)
                .json(TestData.doctor(crm, "SP")).sendPatiently(), 201).text("doctorId"));
        expect(gateway.call("POST", "/api/admin/doctors/" + id + "/verification").bearer(admin).forwardedFor(nextAddress()).sendPatiently(), 204);
        Answer login = login("/api/auth/doctor/login", body("crm", crm, "uf", "SP", "password", TestData.PASSWORD), address);
        return new Person(id, login.text("accessToken"), login.text("refreshToken"), crm + "/SP", address);
    }

    private UUID publish(Person doctor, int daysAhead, int hour) {
        Answer published = expect(gateway.call("POST", "/api/doctors/me/slots").bearer(doctor.accessToken())
                .forwardedFor(doctor.address()).json(TestData.slot(daysAhead, hour)).sendPatiently(), 201);
        return UUID.fromString(published.json().path("slotIds").get(0).asText());
    }

    private static Answer expect(Answer answer, int status) {
        assertThat(answer.status()).as("%s", answer).isEqualTo(status);
        return answer;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The matrix follows the API description

    @Test
    void every_documented_operation_has_its_row_in_the_attack_matrix() {
        ApiOperations.assertCovered(operations, MATRIX.keySet());
        for (Operation operation : operations) {
            Rule rule = MATRIX.get(operation.key());
            assertThat(rule.body() != null).as("%s takes a body: the matrix needs a sample (and no sample without one)", operation)
                    .isEqualTo(operation.takesBody());
            assertThat(operation.secured()).as("%s: documented as needing a token exactly when the matrix says it is not public",
                    operation).isEqualTo(!rule.isPublic());
            if (rule.ownership() == Ownership.OWNED) {
                assertThat(ownerCases().keySet()).as("%s names someone's object: it needs owner cases", operation)
                        .contains(operation.key());
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Tokens

    private Map<String, String> realTargets() {
        return Map.of("doctorId", seeds.otherDoctor().id().toString(), "staffId", UUID.randomUUID().toString(),
                "id", UUID.randomUUID().toString(), "accountId", UUID.randomUUID().toString(),
                "appointmentId", seeds.appointment().toString(),
                "slotId", seeds.doctorsSlot().toString());
    }

    private HostileClient.Call call(Operation operation, Map<String, String> pathValues, String token) {
        HostileClient.Call call = gateway.call(operation.method(), operation.pathWith(pathValues)).bearer(token)
                .forwardedFor(nextAddress());
        Rule rule = MATRIX.get(operation.key());
        return rule.body() == null ? call : call.json(rule.body().get());
    }

    @Test
    void every_protected_operation_refuses_missing_expired_forged_and_revoked_tokens_and_changes_nothing() {
        PrivateKey realKey = HostileTokens.privateKey(keyDirectory);
        byte[][] publicKeySecrets = HostileTokens.publicKeySecrets(keyDirectory);
        Map<String, String> before = storedState();
        List<String> checked = new ArrayList<>();
        for (Operation operation : operations) {
            Rule rule = MATRIX.get(operation.key());
            if (rule.isPublic()) {
                continue;
            }
            String real = seeds.tokenOf(rule.roles().iterator().next());
            Role claimed = rule.roles().iterator().next();
            Role another = claimed == Role.PATIENT ? Role.DOCTOR : Role.PATIENT;
            Map<String, String> hostile = HostileTokens.forgeriesOf(real, seeds.tokenOf(another), claimed.name(),
                    realKey, publicKeySecrets, Instant.now());
            hostile.put("logged-out patient", seeds.loggedOutPatient());
            hostile.put("logged-out doctor session", seeds.loggedOutDoctor());
            hostile.put("erased patient", seeds.erasedPatient());

            SecureAnswers.refused(call(operation, realTargets(), null).send(), 401, "unauthenticated", seeds.personalData());
            for (var token : hostile.entrySet()) {
                String expected = switch (token.getKey()) {
                    case "expired" -> "token-expired";
                    case "logged-out patient", "logged-out doctor session", "erased patient" -> "token-revoked";
                    default -> "token-invalid";
                };
                Answer answer = call(operation, realTargets(), token.getValue()).send();
                assertThat(answer.status()).as("%s with the %s token: %s", operation, token.getKey(), answer).isEqualTo(401);
                SecureAnswers.refused(answer, 401, expected, seeds.personalData());
                assertThat(answer.header("WWW-Authenticate")).as("%s with %s", operation, token.getKey()).startsWith("Bearer");
                checked.add(operation + " / " + token.getKey());
            }
        }
        assertThat(storedState()).as("nothing changed").isEqualTo(before);
        assertThat(checked).hasSizeGreaterThan(100);
    }

    @Test
    void public_operations_ignore_hostile_tokens_instead_of_failing() {
        String forged = HostileTokens.unsigned(seeds.admin());
        for (Operation operation : operations) {
            if (!MATRIX.get(operation.key()).isPublic()) {
                continue;
            }
            for (String token : List.of(forged, seeds.loggedOutPatient(), "%00")) {
                Answer answer = call(operation, realTargets(), token).send();
                SecureAnswers.handled(answer, seeds.personalData());
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Roles and owners

    @Test
    void every_protected_operation_refuses_every_wrong_role_with_403_and_changes_nothing() {
        Map<String, String> before = storedState();
        List<String> checked = new ArrayList<>();
        for (Operation operation : operations) {
            Rule rule = MATRIX.get(operation.key());
            if (rule.isPublic()) {
                continue;
            }
            for (Role role : Role.values()) {
                if (rule.roles().contains(role)) {
                    continue;
                }
                Answer answer = call(operation, realTargets(), seeds.tokenOf(role)).send();
                SecureAnswers.refused(answer, 403, "forbidden", seeds.personalData());
                checked.add(operation + " as " + role);
            }
        }
        assertThat(storedState()).as("nothing changed").isEqualTo(before);
        assertThat(checked).hasSizeGreaterThanOrEqualTo(40);
    }

    /** For each operation on someone's object: callers of the right role who do not own it, with the path they send. */
    private Map<String, List<Map.Entry<String, Map<String, String>>>> ownerCases() {
        Map<String, String> appointment = Map.of("appointmentId", seeds.appointment().toString());
        Map<String, String> othersSlot = Map.of("slotId", seeds.otherDoctorsSlot().toString());
        var otherDoctor = Map.entry(seeds.otherDoctor().accessToken(), appointment);
        var otherPatient = Map.entry(seeds.otherPatient().accessToken(), appointment);
        var doctorOnOthersSlot = Map.entry(seeds.doctor().accessToken(), othersSlot);
        return Map.of(
                "POST /api/appointments/{appointmentId}/accept", List.of(otherDoctor),
                "POST /api/appointments/{appointmentId}/reject", List.of(otherDoctor),
                "POST /api/appointments/{appointmentId}/no-show", List.of(otherDoctor),
                "POST /api/appointments/{appointmentId}/cancel", List.of(otherDoctor, otherPatient),
                "POST /api/appointments/{appointmentId}/reschedule", List.of(otherDoctor, otherPatient),
                "POST /api/appointments/{appointmentId}/consultation/consent", List.of(otherPatient),
                "POST /api/appointments/{appointmentId}/consultation/tickets", List.of(otherDoctor, otherPatient),
                "POST /api/appointments/{appointmentId}/consultation/end", List.of(otherDoctor),
                "PUT /api/doctors/me/slots/{slotId}", List.of(doctorOnOthersSlot),
                "DELETE /api/doctors/me/slots/{slotId}", List.of(doctorOnOthersSlot));
    }

    @Test
    void someone_elses_object_answers_404_like_a_missing_one_and_changes_nothing() {
        Map<String, String> before = storedState();
        for (Operation operation : operations) {
            var cases = ownerCases().get(operation.key());
            if (cases == null) {
                continue;
            }
            Rule rule = MATRIX.get(operation.key());
            for (var owner : cases) {
                HostileClient.Call call = gateway.call(operation.method(), operation.pathWith(owner.getValue()))
                        .bearer(owner.getKey()).forwardedFor(nextAddress());
                Map<String, Object> sample = rule.body() == null ? null : rule.body().get();
                if (sample != null && sample.containsKey("slotId")) {
                    sample.put("slotId", seeds.freeSlot().toString());
                }
                Answer answer = (sample == null ? call : call.json(sample)).send();
                SecureAnswers.refused(answer, 404, operation.documentedCodes(404), seeds.personalData());
                Answer missing = gateway.call(operation.method(), operation.pathWith(UUID.randomUUID().toString()))
                        .bearer(owner.getKey()).forwardedFor(nextAddress()).json(sample == null ? Map.of() : sample).send();
                assertThat(missing.code()).as("%s: someone else's looks like a missing one", operation).isEqualTo(answer.code());
            }
        }
        assertThat(storedState()).as("nothing changed").isEqualTo(before);
    }

    @Test
    void a_field_naming_a_role_or_an_owner_in_a_body_is_ignored() {
        String address = nextAddress();
        Map<String, Object> registration = new LinkedHashMap<>(TestData.patient(TestData.uniqueEmail("mass"), TestData.cpf()));
        registration.putAll(body("role", "ADMIN", "userId", seeds.doctor().id().toString(), "patientId",
                seeds.patient().id().toString(), "verified", true, "active", true));
        registerAndConfirm(registration, address);
        String token = login("/api/auth/patient/login", body("login", registration.get("email"), "password", TestData.PASSWORD),
                address).text("accessToken");
        assertThat(HostileTokens.subjectOf(token)).isNotEqualTo(seeds.patient().id()).isNotEqualTo(seeds.doctor().id());
        SecureAnswers.refused(gateway.call("POST", "/api/admin/auditors").bearer(token).forwardedFor(address)
                .json(MATRIX.get("POST /api/admin/auditors").body().get()).send(), 403, "forbidden", seeds.personalData());

        Map<String, Object> doctor = new LinkedHashMap<>(TestData.doctor(TestData.crmNumber(), "SP"));
        doctor.putAll(body("verified", true, "status", "VERIFIED", "role", "ADMIN"));
        String doctorAddress = nextAddress();
        expect(gateway.call("POST", "/api/doctors").forwardedFor(doctorAddress).json(doctor).sendPatiently(), 201);
        String doctorToken = login("/api/auth/doctor/login", body("crm", doctor.get("crm"), "uf", "SP", "password", TestData.PASSWORD),
                doctorAddress).text("accessToken");
        SecureAnswers.refused(gateway.call("POST", "/api/doctors/me/slots").bearer(doctorToken).forwardedFor(doctorAddress)
                .json(TestData.slot(12, 9)).send(), 409, "doctor-not-verified", seeds.personalData());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Bodies, path variables, headers

    /** A token of a role allowed to call, chosen so that no sweep can change anything another test relies on. */
    private String sweepToken(Rule rule) {
        if (rule.isPublic()) {
            return null;
        }
        if (rule.roles().contains(Role.DOCTOR)) {
            return seeds.sweeper().accessToken();
        }
        if (rule.roles().contains(Role.PATIENT)) {
            return seeds.otherPatient().accessToken();
        }
        return seeds.admin();
    }

    private HostileClient.Call sweep(Operation operation) {
        return gateway.call(operation.method(), operation.pathWith(UUID.randomUUID().toString()))
                .bearer(sweepToken(MATRIX.get(operation.key()))).forwardedFor(nextAddress());
    }

    private static String withField(Map<String, Object> sample, String field, String rawJson) {
        ObjectNode node = JSON.valueToTree(sample);
        node.put(field, "\u0001PLACEHOLDER\u0001");
        return node.toString().replace("\"\\u0001PLACEHOLDER\\u0001\"", rawJson);
    }

    @Test
    void oversized_deeply_nested_mistyped_and_malformed_bodies_are_refused_before_any_work() {
        for (Operation operation : operations) {
            if (!operation.takesBody()) {
                continue;
            }
            SecureAnswers.refused(sweep(operation).raw(HostileInput.oversized(70_000)).send(), 413, "payload-too-large", seeds.personalData());
            SecureAnswers.refused(sweep(operation).raw(HostileInput.nestedObjects(10_000)).send(), 400, "json-limits-exceeded", seeds.personalData());
            SecureAnswers.refused(sweep(operation).raw("{\"x\":" + HostileInput.nestedArrays(10_000) + "}").send(), 400,
                    "json-limits-exceeded", seeds.personalData());
            SecureAnswers.refused(sweep(operation).raw("{\"x\":").send(), 400, "malformed-json", seeds.personalData());
            // An optional body in another media type is no body: refused as missing, never read.
            Answer plain = sweep(operation).header("Content-Type", "text/plain").raw("hello").send();
            SecureAnswers.refusedAsBad(plain, seeds.personalData());
            assertThat(plain.status()).as("%s", plain).isIn(400, 415);
            SecureAnswers.refusedAsBad(sweep(operation).raw("[]").send(), seeds.personalData());
            SecureAnswers.handled(sweep(operation).raw("\"$where\"").send(), seeds.personalData());
        }
    }

    @Test
    void huge_numbers_operators_and_control_characters_in_every_body_field_get_a_clear_answer_quickly() {
        List<String> checked = new ArrayList<>();
        for (Operation operation : operations) {
            Rule rule = MATRIX.get(operation.key());
            if (rule.body() == null) {
                continue;
            }
            for (String field : rule.body().get().keySet()) {
                boolean numeric = rule.body().get().get(field) instanceof Number;
                for (String huge : HostileInput.HUGE_NUMBERS) {
                    Answer answer = sweep(operation).raw(withField(rule.body().get(), field, huge)).send();
                    // A text field may take a number as its text; a number field must refuse it before any arithmetic.
                    if (numeric) {
                        SecureAnswers.refusedAsBad(answer, seeds.personalData());
                    } else {
                        SecureAnswers.handled(answer, seeds.personalData());
                    }
                    assertThat(answer.took()).as("%s with %s = %s…", operation, field, huge.substring(0, 5))
                            .isLessThan(Duration.ofSeconds(5));
                }
                for (String operator : List.of("{\"$gt\":\"\"}", "{\"$ne\":null}", "[\"$where\"]")) {
                    SecureAnswers.refusedAsBad(sweep(operation).raw(withField(rule.body().get(), field, operator)).send(),
                            seeds.personalData());
                }
                for (String text : List.of("$where", "{\"$gt\":\"\"}", "'; return true; var x='")) {
                    SecureAnswers.handled(sweep(operation).raw(withField(rule.body().get(), field, JSON.valueToTree(text).toString()))
                            .send(), seeds.personalData());
                }
                for (String control : HostileInput.CONTROL_CHARACTERS.values()) {
                    Map<String, Object> sample = rule.body().get();
                    Object value = sample.get(field);
                    String text = (value == null ? "" : value.toString()) + control + "x";
                    SecureAnswers.handled(sweep(operation).raw(withField(sample, field, JSON.valueToTree(text).toString())).send(),
                            seeds.personalData());
                }
                checked.add(operation + " " + field);
            }
        }
        assertThat(checked).hasSizeGreaterThan(30);
    }

    @Test
    void hostile_path_variables_and_headers_are_refused_as_bad_requests() {
        List<String> values = new ArrayList<>(List.of("{\"$gt\":\"\"}", "$where", "not-a-uuid", "9".repeat(400),
                "00000000-0000-0000-0000-000000000000' OR '1'='1"));
        HostileInput.CONTROL_CHARACTERS.values().forEach(control -> values.add(UUID.randomUUID() + control));
        for (Operation operation : operations) {
            Rule rule = MATRIX.get(operation.key());
            if (!operation.pathParameters().isEmpty()) {
                for (String value : values) {
                    HostileClient.Call call = gateway.call(operation.method(), operation.pathWith(HostileInput.encoded(value)))
                            .bearer(sweepToken(rule)).forwardedFor(nextAddress());
                    Answer answer = (rule.body() == null ? call : call.json(rule.body().get())).send();
                    // Tomcat itself may refuse a control character in the path before the application sees it.
                    assertThat(answer.status()).as("%s", answer).isIn(400, 404);
                    SecureAnswers.noLeak(answer, seeds.personalData());
                }
            }
            for (String header : operation.headerParameters()) {
                for (String value : List.of("x".repeat(4000), "{\"$gt\":\"\"}", "%00", "$where")) {
                    HostileClient.Call call = sweep(operation).header(header, value);
                    SecureAnswers.handled((rule.body() == null ? call : call.json(rule.body().get())).send(), seeds.personalData());
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Operator endpoints

    @Test
    void operator_endpoints_are_closed_to_everyone_but_administrators_and_internals_are_not_exposed() {
        for (String path : List.of("/actuator/metrics", "/actuator/metrics/jvm.memory.used", "/actuator/info")) {
            SecureAnswers.refused(gateway.call("GET", path).send(), 401, "unauthenticated", List.of());
            for (Role role : EnumSet.complementOf(EnumSet.of(Role.ADMIN))) {
                SecureAnswers.refused(gateway.call("GET", path).bearer(seeds.tokenOf(role)).send(), 403, "forbidden", List.of());
            }
            assertThat(gateway.call("GET", path).bearer(seeds.admin()).send().status()).as(path).isEqualTo(200);
        }
        for (String path : List.of("/actuator/env", "/actuator/beans", "/actuator/heapdump", "/actuator/configprops",
                "/actuator/loggers", "/actuator/threaddump", "/actuator/mappings")) {
            assertThat(gateway.call("GET", path).send().status()).as(path).isEqualTo(401);
            assertThat(gateway.call("GET", path).bearer(seeds.admin()).send().status()).as("%s as an admin", path).isEqualTo(404);
        }
        assertThat(gateway.call("POST", "/actuator/shutdown").bearer(seeds.admin()).send().status()).isIn(404, 405);
        // A client outside claims an internal address; the gateway appends the address it really saw.
        assertThat(gateway.call("GET", "/actuator/prometheus").forwardedFor("10.0.0.5, 203.0.113.9").send().status())
                .isEqualTo(403);
        assertThat(gateway.call("GET", "/actuator/prometheus").forwardedFor("203.0.113.9").send().status()).isEqualTo(403);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Brute force, floods, hoarding

    @Test
    void every_password_check_is_throttled_from_one_address_whatever_x_forwarded_for_claims() {
        Person victim = patient();
        Person doctorVictim = doctor(seeds.admin());
        Map<String, Supplier<HostileClient.Call>> guesses = new LinkedHashMap<>();
        guesses.put("POST /api/auth/patient/login", () -> untrusted.call("POST", "/api/auth/patient/login")
                .json(body("login", victim.login(), "password", WRONG_PASSWORD)));
        guesses.put("POST /api/auth/doctor/login", () -> untrusted.call("POST", "/api/auth/doctor/login")
                .json(body("crm", doctorVictim.login().split("/")[0], "uf", "SP", "password", WRONG_PASSWORD)));
        guesses.put("POST /api/auth/admin/login", () -> untrusted.call("POST", "/api/auth/admin/login")
                .json(body("email", "admin@test.healthmed.local", "password", WRONG_PASSWORD)));
        guesses.put("POST /api/auth/password", () -> untrusted.call("POST", "/api/auth/password").bearer(victim.accessToken())
                .json(body("currentPassword", WRONG_PASSWORD, "newPassword", "a brand new long password")));
        guesses.put("DELETE /api/patients/me", () -> untrusted.call("DELETE", "/api/patients/me").bearer(victim.accessToken())
                .json(body("password", WRONG_PASSWORD)));
        MATRIX.forEach((key, rule) -> assertThat(!rule.checksPassword() || guesses.containsKey(key))
                .as("%s checks a password: it needs its brute-force case", key).isTrue());

        for (var guess : guesses.entrySet()) {
            Operation operation = operations.stream().filter(candidate -> candidate.key().equals(guess.getKey())).findFirst().orElseThrow();
            Answer answer = null;
            int attempts = 0;
            while (attempts < 12) {
                attempts++;
                // Every guess claims another client; only the gateway may say so, and this peer is not the gateway.
                answer = guess.getValue().get().forwardedFor("203.0.113." + attempts).send();
                if (answer.status() == 429) {
                    break;
                }
                SecureAnswers.refused(answer, answer.status(), operation.documentedCodes(answer.status()), seeds.personalData());
                assertThat(answer.status()).as("%s", answer).isIn(401, 403);
            }
            assertThat(answer.status()).as("%s: still guessing after %d attempts", guess.getKey(), attempts).isEqualTo(429);
            assertThat(attempts).as(guess.getKey()).isEqualTo(6);
            SecureAnswers.refused(answer, 429, operation.documentedCodes(429), seeds.personalData());
            assertThat(answer.header("Retry-After")).as("%s", answer).isNotBlank();
        }
        // The guesser slowed only itself: the victims' own clients get in with the right password.
        login("/api/auth/patient/login", body("login", victim.login(), "password", TestData.PASSWORD), victim.address());
        login("/api/auth/doctor/login", body("crm", doctorVictim.login().split("/")[0], "uf", "SP", "password", TestData.PASSWORD),
                doctorVictim.address());
        staffLogin("admin@test.healthmed.local", "admin-password-for-tests", Scenario.ADMIN_TOTP_SECRET, nextAddress());
    }

    @Test
    void guessing_totp_codes_with_the_stolen_password_is_throttled_whatever_x_forwarded_for_claims() {
        EnrolledStaff victim = enrolledAuditor();
        List<String> secrets = secretsWith(victim.email());
        Instant start = Instant.now();
        HostileClient plain = gateway.from("127.0.0.3");
        HostileClient spoofing = gateway.from("127.0.0.4");

        // One client, as it is: five wrong codes are judged (the fifth spends the challenge), the sixth is refused.
        Guessing direct = guessSecondFactor(plain, victim, "code", () -> wrongCode(victim.totpSecret()), false, secrets);
        assertThat(direct.judged()).as("wrong codes judged from one client").isEqualTo(5);
        // Another client that claims a new address with every guess gets no more: only the gateway may say who it is.
        Guessing spoofed = guessSecondFactor(spoofing, victim, "code", () -> wrongCode(victim.totpSecret()), true, secrets);
        assertThat(spoofed.judged()).as("wrong codes judged from a client lying in X-Forwarded-For").isEqualTo(5);
        // Even the right code is refused to the guesser now, before it is checked (and so it is not spent).
        String challenge = passwordChallenge(spoofing, victim.email(), true);
        Answer lucky = spoofing.call("POST", "/api/auth/mfa").forwardedFor("203.0.113.77")
                .json(body("challengeToken", challenge, "code", TotpCodes.now(victim.totpSecret()))).send();
        SecureAnswers.refused(lucky, 429, "too-many-mfa-attempts", secrets);

        // Guesses spread over many real addresses behind the gateway: the account's bucket for unknown clients (a
        // burst of ten, then one a minute) is what the first twenty guesses left of it.
        int spread = 0;
        Answer answer = null;
        for (int client = 0; client < 6; client++) {
            String address = nextAddress();
            String spreadChallenge = passwordChallenge(gateway, victim.email(), address);
            answer = gateway.call("POST", "/api/auth/mfa").forwardedFor(address)
                    .json(body("challengeToken", spreadChallenge, "code", wrongCode(victim.totpSecret()))).send();
            if (answer.status() == 429) {
                break;
            }
            SecureAnswers.refused(answer, 401, "mfa-code-invalid", secrets);
            spread++;
        }
        SecureAnswers.refused(answer, 429, "too-many-mfa-attempts", secrets);
        assertThat(answer.header("Retry-After")).isNotBlank();
        assertThat(spread).as("guesses from fresh addresses once the burst is spent")
                .isLessThanOrEqualTo(1 + (int) Duration.between(start, Instant.now()).toMinutes());

        // The owner, from the client it enrolled with, gets in with the right code all the same.
        assertThat(staffLogin(victim.email(), TestData.PASSWORD, victim.totpSecret(), victim.address())).isNotBlank();
    }

    @Test
    void guessing_recovery_codes_with_the_stolen_password_is_throttled_whatever_x_forwarded_for_claims() {
        EnrolledStaff victim = enrolledAuditor();
        List<String> secrets = secretsWith(victim.email());
        HostileClient spoofing = gateway.from("127.0.0.5");

        Guessing guessing = guessSecondFactor(spoofing, victim, "recoveryCode", () -> wrongRecoveryCode(victim), true,
                secrets);
        assertThat(guessing.judged()).as("wrong recovery codes judged from a client lying in X-Forwarded-For").isEqualTo(5);
        String challenge = passwordChallenge(spoofing, victim.email(), true);
        Answer lucky = spoofing.call("POST", "/api/auth/mfa").forwardedFor("203.0.113.78")
                .json(body("challengeToken", challenge, "recoveryCode", victim.recoveryCodes().getFirst())).send();
        SecureAnswers.refused(lucky, 429, "too-many-mfa-attempts", secrets);

        // The refused right code was not spent: the owner logs in with it, once, from its own client.
        String ownersChallenge = passwordChallenge(gateway, victim.email(), victim.address());
        Answer owner = expect(gateway.call("POST", "/api/auth/mfa").forwardedFor(victim.address())
                .json(body("challengeToken", ownersChallenge, "recoveryCode", victim.recoveryCodes().getFirst())).send(), 200);
        assertThat(owner.text("accessToken")).isNotBlank();
        String again = passwordChallenge(gateway, victim.email(), victim.address());
        SecureAnswers.refused(gateway.call("POST", "/api/auth/mfa").forwardedFor(victim.address())
                .json(body("challengeToken", again, "recoveryCode", victim.recoveryCodes().getFirst())).send(),
                401, "mfa-code-invalid", secrets);
        staffLogin(victim.email(), TestData.PASSWORD, victim.totpSecret(), victim.address());
    }

    /** Wrong second factors judged before the guesser was refused (429 with Retry-After), and that refusal. */
    record Guessing(int judged, Answer refusal) {
    }

    /**
     * Someone who has the password answers the challenge with wrong codes until refused, logging in again whenever the
     * challenge is spent; with {@code spoof}, every request claims another client in {@code X-Forwarded-For}.
     */
    private Guessing guessSecondFactor(HostileClient from, EnrolledStaff victim, String field, Supplier<String> guess,
                                       boolean spoof, List<String> secrets) {
        int judged = 0;
        String challenge = null;
        for (int request = 1; request <= 15; request++) {
            if (challenge == null) {
                challenge = passwordChallenge(from, victim.email(), spoof);
            }
            HostileClient.Call call = from.call("POST", "/api/auth/mfa")
                    .json(body("challengeToken", challenge, field, guess.get()));
            Answer answer = (spoof ? call.forwardedFor("203.0.113." + request) : call).send();
            if (answer.status() == 429) {
                SecureAnswers.refused(answer, 429, "too-many-mfa-attempts", secrets);
                assertThat(answer.header("Retry-After")).as("%s", answer).isNotBlank();
                return new Guessing(judged, answer);
            }
            if ("mfa-challenge-invalid".equals(answer.code())) {
                SecureAnswers.refused(answer, 401, "mfa-challenge-invalid", secrets);
                assertThat(judged).as("a challenge is spent by the fifth wrong code, not before").isEqualTo(5);
                challenge = null;
                continue;
            }
            SecureAnswers.refused(answer, 401, "mfa-code-invalid", secrets);
            judged++;
        }
        throw new AssertionError("still guessing second factors of " + victim.email() + " after " + judged + " wrong ones");
    }

    /** The right password from this client: a challenge that only a second factor completes. */
    private String passwordChallenge(HostileClient from, String email, boolean spoof) {
        HostileClient.Call login = from.call("POST", "/api/auth/admin/login").json(body("email", email, "password", TestData.PASSWORD));
        Answer challenged = (spoof ? login.forwardedFor("203.0.113.200") : login).sendPatiently();
        SecureAnswers.refused(challenged, 401, "mfa-required", List.of());
        return challenged.text("challengeToken");
    }

    private String passwordChallenge(HostileClient through, String email, String forwardedFor) {
        Answer challenged = through.call("POST", "/api/auth/admin/login").forwardedFor(forwardedFor)
                .json(body("email", email, "password", TestData.PASSWORD)).sendPatiently();
        SecureAnswers.refused(challenged, 401, "mfa-required", List.of());
        return challenged.text("challengeToken");
    }

    /** A well-formed code the account's authenticator shows at no step the server would accept now or soon. */
    private static String wrongCode(String secret) {
        long now = TotpCodes.currentStep(Clock.systemUTC());
        Set<String> near = new HashSet<>();
        for (long step = now - 2; step <= now + 3; step++) {
            near.add(TotpCodes.code(secret, step));
        }
        String code;
        do {
            code = String.format(Locale.ROOT, "%06d", GUESSES.nextInt(1_000_000));
        } while (near.contains(code));
        return code;
    }

    /** A well-formed recovery code that is none of the account's. */
    private static String wrongRecoveryCode(EnrolledStaff victim) {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        String code;
        do {
            StringBuilder text = new StringBuilder();
            for (int c = 0; c < 16; c++) {
                if (c > 0 && c % 4 == 0) {
                    text.append('-');
                }
                text.append(alphabet.charAt(GUESSES.nextInt(alphabet.length())));
            }
            code = text.toString();
        } while (victim.recoveryCodes().contains(code));
        return code;
    }

    private List<String> secretsWith(String email) {
        List<String> secrets = new ArrayList<>(seeds.personalData());
        secrets.add(email);
        return secrets;
    }

    @Test
    void a_registration_flood_from_one_client_stops_at_the_limit_whatever_x_forwarded_for_claims() {
        int created = 0;
        Answer answer = null;
        for (int attempt = 1; attempt <= 12; attempt++) {
            Map<String, Object> registration = attempt % 2 == 0
                    ? TestData.patient(TestData.uniqueEmail("flood"), TestData.cpf())
                    : TestData.doctor(TestData.crmNumber(), "RJ");
            answer = untrusted.call("POST", attempt % 2 == 0 ? "/api/patients" : "/api/doctors")
                    .forwardedFor("203.0.113." + attempt).json(registration).send();
            if (answer.status() != (attempt % 2 == 0 ? 202 : 201)) {
                break;
            }
            created++;
        }
        assertThat(created).as("registrations before the limit").isEqualTo(10);
        SecureAnswers.refused(answer, 429, "too-many-registrations", seeds.personalData());
        assertThat(answer.header("Retry-After")).isNotBlank();
    }

    @Test
    void a_patient_cannot_hoard_slots_even_with_concurrent_requests() throws Exception {
        List<UUID> slots = new ArrayList<>();
        for (int hour = 7; hour < 15; hour++) {
            slots.add(publish(seeds.otherDoctor(), 15, hour));
        }
        List<Callable<Answer>> requests = new ArrayList<>();
        for (UUID slot : slots) {
            requests.add(() -> gateway.call("POST", "/api/appointments").bearer(seeds.hoarder().accessToken())
                    .forwardedFor(seeds.hoarder().address()).json(body("slotId", slot.toString())).send());
        }
        List<Answer> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(slots.size())) {
            for (Future<Answer> answer : pool.invokeAll(requests)) {
                answers.add(answer.get());
            }
        }
        long created = answers.stream().filter(answer -> answer.status() == 201).count();
        assertThat(created).as("%s", answers).isBetween(1L, 3L);
        for (Answer answer : answers) {
            if (answer.status() != 201) {
                SecureAnswers.refused(answer, answer.status(), Set.of("pending-request-limit-reached", "concurrent-modification",
                        "resource-busy"), seeds.personalData());
            }
        }
        // Whatever the race let through, the patient ends with exactly three pending requests, never more.
        for (UUID slot : slots) {
            Answer answer = gateway.call("POST", "/api/appointments").bearer(seeds.hoarder().accessToken())
                    .forwardedFor(seeds.hoarder().address()).json(body("slotId", slot.toString())).send();
            if (answer.status() == 201) {
                created++;
            } else if ("pending-request-limit-reached".equals(answer.code())) {
                break;
            }
        }
        assertThat(created).as("pending requests held").isEqualTo(3);
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** Counts and digests of everything a command can leave behind; equal states mean the calls changed nothing. */
    private Map<String, String> storedState() {
        Map<String, String> state = new LinkedHashMap<>();
        state.put("domain_event_entry", jdbc.sql("SELECT count(*) || ' events, last ' || coalesce(max(global_index), 0) FROM domain_event_entry")
                .query(String.class).single());
        for (String table : List.of("snapshot_event_entry", "account", "login_identifier", "person_key", "slot_directory")) {
            state.put(table, jdbc.sql("SELECT count(*) || ' rows, md5 ' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '-') FROM "
                    + table + " t").query(String.class).single());
        }
        return state;
    }
}
