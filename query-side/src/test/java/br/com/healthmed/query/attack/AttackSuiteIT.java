package br.com.healthmed.query.attack;

import br.com.healthmed.api.common.Role;
import br.com.healthmed.query.support.BothSidesInitializer;
import br.com.healthmed.query.support.ProblemRecorder;
import br.com.healthmed.testing.ApiOperations;
import br.com.healthmed.testing.TotpCodes;
import br.com.healthmed.testing.ApiOperations.Operation;
import br.com.healthmed.testing.DocumentedProblems;
import br.com.healthmed.testing.HostileClient;
import br.com.healthmed.testing.HostileClient.Answer;
import br.com.healthmed.testing.HostileInput;
import br.com.healthmed.testing.HostileTokens;
import br.com.healthmed.testing.SecureAnswers;
import br.com.healthmed.testing.SharedInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.TestPropertySource;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query side under attack, black box over HTTP, with the real command side beside it (its packaged jar, as in
 * {@code BothSidesEndToEndIT}): tokens are issued, logged out and revoked by erasure there, and must stop working here.
 * The endpoint list is this application's own {@code /v3/api-docs}; {@link #MATRIX} says who may call each operation
 * and whose data it shows, and an operation missing from it fails the suite. For every operation: missing, expired,
 * unsigned, wrongly signed, algorithm-confused, tampered, logged-out and erased tokens; every wrong role and owner;
 * MongoDB operators, JavaScript, regular expressions, control characters and huge numbers in every query parameter and
 * path variable; hostile consistency tokens and bodies. Each answer must be the secure one: status and problem code, no
 * 5xx, no one else's data.
 * <p>
 * Not repeated here: the audit history's decryption rules ({@code AuditHistoryIT}), the read log
 * ({@code PersonalDataReadsIT}), the waiters' cap ({@code ReadYourWritesWaitersIT}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = BothSidesInitializer.class)
@Import(ProblemRecorder.class)
@ExtendWith(DocumentedProblems.class)
// Two cores shared with other builds: a Redis answer slower than production's bound is load, not a fault.
@TestPropertySource(properties = "spring.data.redis.timeout=10s")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttackSuiteIT {

    private static final String PASSWORD = "senha-ataque-bem-longa";
    private static final AtomicInteger ADDRESSES = new AtomicInteger();

    @LocalServerPort
    int port;

    @Value("${healthmed.security.jwt.key-directory}")
    Path keyDirectory;

    HostileClient queries;
    HostileClient commands;
    List<Operation> operations;
    Seeds seeds;
    String lastConsistencyToken;

    enum Ownership {
        /** Public, or staff-wide. */
        NONE,
        /** Shows the caller's own data only. */
        SELF,
        /** Names someone's object in the path: another caller of the right role must get 404. */
        OWNED
    }

    record Rule(Set<Role> roles, Ownership ownership) {
        boolean isPublic() {
            return roles.isEmpty();
        }
    }

    private static final Set<Role> PUBLIC = Set.of();
    private static final Set<Role> STAFF = Set.of(Role.AUDITOR, Role.ADMIN);
    private static final Set<Role> PARTIES = Set.of(Role.PATIENT, Role.DOCTOR);

    /** Every documented operation of the query side. A new endpoint fails the suite until it has its row. */
    private static final Map<String, Rule> MATRIX = Map.ofEntries(
            Map.entry("GET /api/admin/personal-data-reads", new Rule(Set.of(Role.ADMIN), Ownership.NONE)),
            Map.entry("GET /api/admin/processors/{name}/dead-letters", new Rule(Set.of(Role.ADMIN), Ownership.NONE)),
            Map.entry("POST /api/admin/processors/{name}/dead-letters/retry", new Rule(Set.of(Role.ADMIN), Ownership.NONE)),
            Map.entry("DELETE /api/admin/processors/{name}/dead-letters/{letterId}", new Rule(Set.of(Role.ADMIN), Ownership.NONE)),
            Map.entry("POST /api/admin/processors/{name}/reset", new Rule(Set.of(Role.ADMIN), Ownership.NONE)),
            Map.entry("GET /api/appointments", new Rule(PARTIES, Ownership.SELF)),
            Map.entry("GET /api/appointments/{appointmentId}", new Rule(PARTIES, Ownership.OWNED)),
            Map.entry("GET /api/audit/appointments/{appointmentId}/history", new Rule(STAFF, Ownership.NONE)),
            Map.entry("GET /api/doctors", new Rule(PUBLIC, Ownership.NONE)),
            Map.entry("GET /api/doctors/me/agenda", new Rule(Set.of(Role.DOCTOR), Ownership.SELF)),
            Map.entry("GET /api/doctors/{doctorId}", new Rule(PUBLIC, Ownership.NONE)),
            Map.entry("GET /api/doctors/{doctorId}/agenda", new Rule(PUBLIC, Ownership.NONE)),
            Map.entry("GET /api/patients/me/export", new Rule(Set.of(Role.PATIENT), Ownership.SELF)),
            Map.entry("GET /api/specialties", new Rule(PUBLIC, Ownership.NONE)));

    record Person(UUID id, String accessToken, String refreshToken, String email, String name) {
    }

    record Seeds(String admin, String auditor, Person doctor, Person otherDoctor, Person patient, Person otherPatient,
                 String loggedOutPatient, String erasedPatient, UUID appointment, List<String> patientsData) {

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
        queries = HostileClient.to("http://127.0.0.1:" + port);
        commands = HostileClient.to(BothSidesInitializer.commandSideUrl());
        operations = ApiOperations.of(queries.baseUrl());

        // Staff log in with a second factor (ADR 0024): the admin answers its challenge, the auditor enrols at first login.
        String challenge = command("POST", "/api/auth/admin/login", null, Map.of("email", BothSidesInitializer.ADMIN_EMAIL,
                "password", BothSidesInitializer.ADMIN_PASSWORD), 401).text("challengeToken");
        String admin = command("POST", "/api/auth/mfa", null, Map.of("challengeToken", challenge,
                "code", TotpCodes.nextCode(BothSidesInitializer.ADMIN_TOTP_SECRET)), 200).text("accessToken");
        String auditorEmail = "auditor." + System.nanoTime() + "@attack.test";
        command("POST", "/api/admin/auditors", admin, Map.of("name", "Ana Auditora", "email", auditorEmail, "password", PASSWORD), 201);
        String enrolmentToken = command("POST", "/api/auth/admin/login", null,
                Map.of("email", auditorEmail, "password", PASSWORD), 401).text("enrolmentToken");
        String auditorSecret = command("POST", "/api/auth/mfa/enrolment", null, Map.of("enrolmentToken", enrolmentToken), 200)
                .text("secret");
        String auditor = command("POST", "/api/auth/mfa/enrolment/confirm", null, Map.of("enrolmentToken", enrolmentToken,
                "code", TotpCodes.nextCode(auditorSecret)), 200).text("accessToken");
        Person doctor = doctor(admin, "Dra. Beatriz Quaresma");
        Person otherDoctor = doctor(admin, "Dr. Caio Nogueira");
        Person patient = patient("Paula Reservada");
        Person otherPatient = patient("Otavio Curioso");
        Person loggedOut = patient("Lia Saida");
        Person erased = patient("Edu Apagado");

        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.ofHours(-3)).plusDays(9).truncatedTo(ChronoUnit.DAYS).withHour(10);
        UUID slot = UUID.fromString(command("POST", "/api/doctors/me/slots", doctor.accessToken(),
                Map.of("start", start.toString(), "end", start.plusMinutes(30).toString()), 201).json().path("slotIds").get(0).asText());
        UUID appointment = UUID.fromString(command("POST", "/api/appointments", patient.accessToken(),
                Map.of("slotId", slot.toString()), 201).text("appointmentId"));
        command("POST", "/api/auth/logout", loggedOut.accessToken(), Map.of("refreshToken", loggedOut.refreshToken()), 204);
        command("DELETE", "/api/patients/me", erased.accessToken(), Map.of("password", PASSWORD), 204);
        awaitProjected("/api/appointments/" + appointment, patient.accessToken());

        seeds = new Seeds(admin, auditor, doctor, otherDoctor, patient, otherPatient, loggedOut.accessToken(),
                erased.accessToken(), appointment, List.of(patient.email(), patient.name(), patient.id().toString()));
    }

    /** Reads until the view shows the last command's effect (the first reads may meet a projection still starting). */
    private void awaitProjected(String path, String token) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Answer seen;
        do {
            HostileClient.Call read = queries.call("GET", path).bearer(token);
            seen = (lastConsistencyToken == null ? read : read.header("X-Consistency-Token", lastConsistencyToken)).send();
        } while (seen.status() != 200 && System.nanoTime() < deadline && pause());
        assertThat(seen.status()).as("%s", seen).isEqualTo(200);
    }

    private static boolean pause() {
        try {
            Thread.sleep(200);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Answer command(String method, String path, String token, Map<String, ?> body, int status) {
        HostileClient.Call call = commands.call(method, path).bearer(token).forwardedFor(nextAddress());
        Answer answer = (body == null ? call : call.json(body)).sendPatiently();
        assertThat(answer.status()).as("%s", answer).isEqualTo(status);
        String consistency = answer.header("X-Consistency-Token");
        if (consistency != null) {
            lastConsistencyToken = consistency;
        }
        return answer;
    }

    private Answer login(String path, Map<String, ?> credentials) {
        return command("POST", path, null, credentials, 200);
    }

    private Person patient(String name) {
        String email = name.toLowerCase().replace(' ', '.') + "." + System.nanoTime() + "@attack.test";
        command("POST", "/api/patients", null, Map.of("name", name, "email", email, "cpf", cpf(), "password", PASSWORD), 202);
        command("POST", "/api/patients/confirmation", null,
                Map.of("token", SharedInfrastructure.mailbox().confirmationToken(email)), 204);
        Answer login = login("/api/auth/patient/login", Map.of("login", email, "password", PASSWORD));
        UUID id = HostileTokens.subjectOf(login.text("accessToken"));
        return new Person(id, login.text("accessToken"), login.text("refreshToken"), email, name);
    }

    private Person doctor(String admin, String name) {
        String crm = Integer.toString(200000 + ThreadLocalRandom.current().nextInt(700000));
        String email = "doctor." + crm + "." + System.nanoTime() + "@attack.test";
        UUID id = UUID.fromString(command("POST", "/api/doctors", null, Map.of("name", name, "crm", crm, "uf", "BA", "email", email,
                "specialty", "CARDIOLOGIA", "consultationPrice", 200, "timeZone", "America/Bahia", "password", PASSWORD), 201)
                .text("doctorId"));
        command("POST", "/api/admin/doctors/" + id + "/verification", admin, null, 204);
        Answer login = login("/api/auth/doctor/login", Map.of("crm", crm, "uf", "BA", "password", PASSWORD));
        return new Person(id, login.text("accessToken"), login.text("refreshToken"), email, name);
    }

    private static String nextAddress() {
        int n = ADDRESSES.incrementAndGet();
        return "198.19." + (n / 250) + "." + (n % 250 + 1);
    }

    private static String cpf() {
        int[] d = new int[11];
        for (int i = 0; i < 9; i++) {
            d[i] = ThreadLocalRandom.current().nextInt(10);
        }
        d[0] = 1 + ThreadLocalRandom.current().nextInt(9);
        d[1] = (d[0] + 1) % 10;
        for (int length = 9; length <= 10; length++) {
            int sum = 0;
            for (int i = 0; i < length; i++) {
                sum += d[i] * (length + 1 - i);
            }
            d[length] = (sum * 10) % 11 % 10;
        }
        StringBuilder text = new StringBuilder();
        for (int digit : d) {
            text.append(digit);
        }
        return text.toString();
    }

    /** Real objects for every path variable: the wrong-token and wrong-role calls aim at something that exists. */
    private Map<String, String> realTargets() {
        return Map.of("appointmentId", seeds.appointment().toString(), "doctorId", seeds.doctor().id().toString(),
                "name", "agenda", "letterId", UUID.randomUUID().toString());
    }

    private HostileClient.Call call(Operation operation, Map<String, String> pathValues, String token) {
        return queries.call(operation.method(), operation.pathWith(pathValues)).bearer(token);
    }

    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void every_documented_operation_has_its_row_in_the_attack_matrix() {
        ApiOperations.assertCovered(operations, MATRIX.keySet());
        for (Operation operation : operations) {
            Rule rule = MATRIX.get(operation.key());
            assertThat(operation.secured()).as("%s: documented as needing a token exactly when the matrix says it is not public",
                    operation).isEqualTo(!rule.isPublic());
            assertThat(operation.takesBody()).as("%s: a body on the query side needs body attacks here", operation).isFalse();
            if (rule.ownership() == Ownership.OWNED) {
                assertThat(operation.key()).as("owner cases exist for").isEqualTo("GET /api/appointments/{appointmentId}");
            }
        }
    }

    @Test
    void every_protected_operation_refuses_missing_expired_forged_and_revoked_tokens() {
        PrivateKey realKey = HostileTokens.privateKey(keyDirectory);
        byte[][] publicKeySecrets = HostileTokens.publicKeySecrets(keyDirectory);
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
            hostile.put("erased patient", seeds.erasedPatient());

            SecureAnswers.refused(call(operation, realTargets(), null).send(), 401, "unauthenticated", seeds.patientsData());
            for (var token : hostile.entrySet()) {
                String expected = switch (token.getKey()) {
                    case "expired" -> "token-expired";
                    case "logged-out patient", "erased patient" -> "token-revoked";
                    default -> "token-invalid";
                };
                Answer answer = call(operation, realTargets(), token.getValue()).send();
                assertThat(answer.status()).as("%s with the %s token: %s", operation, token.getKey(), answer).isEqualTo(401);
                SecureAnswers.refused(answer, 401, expected, seeds.patientsData());
                checked.add(operation + " / " + token.getKey());
            }
        }
        assertThat(checked).hasSizeGreaterThan(80);
    }

    @Test
    void every_protected_operation_refuses_every_wrong_role_with_403() {
        List<String> checked = new ArrayList<>();
        for (Operation operation : operations) {
            Rule rule = MATRIX.get(operation.key());
            if (rule.isPublic()) {
                continue;
            }
            for (Role role : Role.values()) {
                if (!rule.roles().contains(role)) {
                    SecureAnswers.refused(call(operation, realTargets(), seeds.tokenOf(role)).send(), 403, "forbidden",
                            seeds.patientsData());
                    checked.add(operation + " as " + role);
                }
            }
        }
        assertThat(checked).hasSizeGreaterThanOrEqualTo(25);
    }

    @Test
    void nobody_else_sees_the_patients_appointment_or_personal_data() {
        Operation single = operation("GET /api/appointments/{appointmentId}");
        for (String other : List.of(seeds.otherPatient().accessToken(), seeds.otherDoctor().accessToken())) {
            Answer someoneElses = call(single, Map.of("appointmentId", seeds.appointment().toString()), other).send();
            SecureAnswers.refused(someoneElses, 404, single.documentedCodes(404), seeds.patientsData());
            Answer missing = call(single, Map.of("appointmentId", UUID.randomUUID().toString()), other).send();
            assertThat(missing.code()).as("someone else's looks like a missing one").isEqualTo(someoneElses.code());
        }
        List<Answer> ownViews = List.of(
                queries.call("GET", "/api/appointments").bearer(seeds.otherPatient().accessToken()).send(),
                queries.call("GET", "/api/appointments").bearer(seeds.otherDoctor().accessToken()).send(),
                queries.call("GET", "/api/doctors/me/agenda").bearer(seeds.otherDoctor().accessToken()).send(),
                queries.call("GET", "/api/patients/me/export").bearer(seeds.otherPatient().accessToken()).send(),
                queries.call("GET", "/api/doctors/" + seeds.doctor().id() + "/agenda").send(),
                queries.call("GET", "/api/doctors/" + seeds.doctor().id()).send(),
                queries.call("GET", "/api/doctors?name=" + HostileInput.encoded("Beatriz")).send());
        for (Answer view : ownViews) {
            assertThat(view.status()).as("%s", view).isEqualTo(200);
            SecureAnswers.noLeak(view, List.of(seeds.patient().email(), seeds.patient().name(), seeds.appointment().toString(),
                    seeds.patient().id().toString()));
        }
        // The audit history serves appointments only: a patient's or a doctor's id opens nothing.
        for (UUID notAnAppointment : List.of(seeds.patient().id(), seeds.doctor().id())) {
            Answer history = queries.call("GET", "/api/audit/appointments/" + notAnAppointment + "/history").bearer(seeds.auditor()).send();
            // The id was the caller's own input (echoed in "instance"); what must not come back is what it stands for.
            SecureAnswers.refused(history, 404, operation("GET /api/audit/appointments/{appointmentId}/history").documentedCodes(404),
                    List.of(seeds.patient().email(), seeds.patient().name()));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    private Operation operation(String key) {
        return operations.stream().filter(operation -> operation.key().equals(key)).findFirst().orElseThrow();
    }

    /** A token of a role allowed to call that owns nothing the other tests look at. */
    private String sweepToken(Rule rule) {
        if (rule.isPublic()) {
            return null;
        }
        if (rule.roles().contains(Role.PATIENT)) {
            return seeds.otherPatient().accessToken();
        }
        if (rule.roles().contains(Role.DOCTOR)) {
            return seeds.otherDoctor().accessToken();
        }
        return rule.roles().contains(Role.AUDITOR) ? seeds.auditor() : seeds.admin();
    }

    /** Path variables that match nothing real, so no sweep can reset a processor or retry a letter. */
    private static Map<String, String> harmlessTargets() {
        return Map.of("appointmentId", UUID.randomUUID().toString(), "doctorId", UUID.randomUUID().toString(),
                "name", "no-such-processor", "letterId", UUID.randomUUID().toString());
    }

    private Answer withQuery(Operation operation, String query) {
        return queries.call(operation.method(), operation.pathWith(harmlessTargets()) + "?" + query)
                .bearer(sweepToken(MATRIX.get(operation.key()))).send();
    }

    @Test
    void operators_scripts_huge_numbers_and_control_characters_in_every_query_parameter_get_a_clear_answer_quickly() {
        List<String> values = new ArrayList<>(HostileInput.OPERATOR_VALUES);
        values.addAll(HostileInput.HUGE_NUMBERS);
        values.addAll(List.of("2147483647", "-1", "0", "x".repeat(2000), "2026-13-45T99:99:99Z", "ANY' OR '1'='1"));
        List<String> checked = new ArrayList<>();
        for (Operation operation : operations) {
            for (String parameter : operation.queryParameters()) {
                for (String value : values) {
                    Answer answer = withQuery(operation, parameter + "=" + HostileInput.encoded(value));
                    SecureAnswers.handled(answer, seeds.patientsData());
                    assertThat(answer.took()).as("%s", answer).isLessThan(Duration.ofSeconds(5));
                    if (operation.key().equals("GET /api/doctors") && parameter.equals("name") && answer.status() == 200) {
                        assertThat(answer.json().path("content")).as("a name search for %s matches no one", value).isEmpty();
                    }
                }
                for (var control : HostileInput.CONTROL_CHARACTERS.entrySet()) {
                    Answer answer = withQuery(operation, parameter + "=" + HostileInput.encoded("a" + control.getValue() + "b"));
                    SecureAnswers.refused(answer, 400, "parameter-control-character", seeds.patientsData());
                }
                for (String suffix : HostileInput.OPERATOR_SUFFIXES) {
                    SecureAnswers.handled(withQuery(operation, HostileInput.encoded(parameter + suffix) + "=x"), seeds.patientsData());
                }
                checked.add(operation + " ?" + parameter);
            }
        }
        assertThat(checked).hasSizeGreaterThanOrEqualTo(15);
    }

    @Test
    void hostile_path_variables_consistency_tokens_and_bodies_are_refused_or_ignored_never_failed() {
        List<String> values = new ArrayList<>(List.of("{\"$gt\":\"\"}", "$where", "not-a-uuid", "9".repeat(400), ".*",
                "00000000-0000-0000-0000-000000000000' OR '1'='1"));
        HostileInput.CONTROL_CHARACTERS.values().forEach(control -> values.add(UUID.randomUUID() + control));
        for (Operation operation : operations) {
            Rule rule = MATRIX.get(operation.key());
            if (!operation.pathParameters().isEmpty()) {
                for (String value : values) {
                    Answer answer = queries.call(operation.method(), operation.pathWith(HostileInput.encoded(value)))
                            .bearer(sweepToken(rule)).send();
                    assertThat(answer.status()).as("%s", answer).isIn(400, 404);
                    SecureAnswers.noLeak(answer, seeds.patientsData());
                }
            }
            if (operation.headerParameters().contains("X-Consistency-Token")) {
                for (String value : List.of("9223372036854775807", "99999999999999999999999", "-1", "1E+400000000", "abc",
                        "{\"$gt\":\"\"}")) {
                    Answer answer = queries.call(operation.method(), operation.pathWith(harmlessTargets()))
                            .bearer(sweepToken(rule)).header("X-Consistency-Token", value).send();
                    SecureAnswers.handled(answer, seeds.patientsData());
                    assertThat(answer.took()).as("%s", answer).isLessThan(Duration.ofSeconds(5));
                }
            }
            for (String body : List.of(HostileInput.nestedObjects(10_000), HostileInput.oversized(200_000), "{\"$where\":\"sleep(5000)\"}")) {
                Answer answer = queries.call(operation.method(), operation.pathWith(harmlessTargets())).bearer(sweepToken(rule))
                        .raw(body).send();
                SecureAnswers.handled(answer, seeds.patientsData());
            }
        }
    }

    @Test
    void operator_endpoints_are_closed_to_everyone_but_administrators_and_internals_are_not_exposed() {
        for (String path : List.of("/actuator/processors", "/actuator/metrics", "/actuator/info")) {
            SecureAnswers.refused(queries.call("GET", path).send(), 401, "unauthenticated", List.of());
            for (Role role : EnumSet.complementOf(EnumSet.of(Role.ADMIN))) {
                SecureAnswers.refused(queries.call("GET", path).bearer(seeds.tokenOf(role)).send(), 403, "forbidden", List.of());
            }
            assertThat(queries.call("GET", path).bearer(seeds.admin()).send().status()).as(path).isEqualTo(200);
        }
        for (String path : List.of("/actuator/env", "/actuator/beans", "/actuator/heapdump", "/actuator/configprops",
                "/actuator/loggers", "/actuator/threaddump", "/actuator/mappings")) {
            assertThat(queries.call("GET", path).send().status()).as(path).isEqualTo(401);
            assertThat(queries.call("GET", path).bearer(seeds.admin()).send().status()).as("%s as an admin", path).isEqualTo(404);
        }
        assertThat(queries.call("GET", "/actuator/prometheus").forwardedFor("10.0.0.5, 203.0.113.9").send().status()).isEqualTo(403);
    }
}
