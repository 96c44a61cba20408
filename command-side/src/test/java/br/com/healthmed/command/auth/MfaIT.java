package br.com.healthmed.command.auth;

import br.com.healthmed.api.common.AuditMetadata;
import br.com.healthmed.api.mfa.SecondFactorResetEvent;
import br.com.healthmed.command.security.SecurityProbe;
import br.com.healthmed.command.support.Api;
import br.com.healthmed.command.support.IntegrationTest;
import br.com.healthmed.testing.MovableClock;
import br.com.healthmed.command.support.Scenario;
import br.com.healthmed.command.support.TestData;
import br.com.healthmed.testing.TotpCodes;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The second factor over HTTP (issue 9 item 12, ADR 0024): challenges, codes used once, recovery codes, enrolment
 * required for ADMIN and AUDITOR, a doctor's opt-in and opt-out, throttling and an ADMIN's reset. Each test that
 * counts failures sends its own client address (X-Forwarded-For; the test client is a trusted proxy).
 */
@IntegrationTest
@Import(SecurityProbe.class)
class MfaIT {

    private static final String REASON = "Perdeu o celular com o autenticador.";

    @LocalServerPort
    int port;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    MfaProperties properties;

    @Autowired
    EventStore eventStore;

    @Autowired
    JdbcClient jdbc;

    private Api api;
    private Scenario scenario;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        scenario = new Scenario(api);
    }

    private Api.Response staffLogin(String email, String password, String address) {
        return api.post("/api/auth/admin/login").header("X-Forwarded-For", address)
                .body(Map.of("email", email, "password", password)).send();
    }

    private Api.Response complete(String challengeToken, String field, String value, String address) {
        return api.post("/api/auth/mfa").header("X-Forwarded-For", address)
                .body(Map.of("challengeToken", challengeToken, field, value)).send();
    }

    private static void assertProblem(Api.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.code()).as(response.toString()).isEqualTo(code);
    }

    private int probe(String token) {
        return api.get("/api/probe/me", "Authorization", Api.bearer(token)).statusCode();
    }

    private String me(String accessToken) {
        java.net.http.HttpResponse<String> me = api.get("/api/probe/me", "Authorization", Api.bearer(accessToken));
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        return Api.body(me).path("role").asText() + " " + Api.body(me).path("userId").asText();
    }

    @Test
    void an_admin_answers_the_challenge_with_a_code_and_the_challenge_is_no_access_token() {
        Api.Response login = staffLogin(Scenario.ADMIN_EMAIL, Scenario.ADMIN_PASSWORD, "198.51.100.10");
        assertProblem(login, 401, "mfa-required");
        String challenge = login.text("challengeToken");
        assertThat(login.json().path("expiresIn").asLong()).isEqualTo(properties.challengeLifetime().toSeconds());
        assertThat(login.text("accessToken")).isNull();
        assertThat(login.header("Cache-Control")).contains("no-store");
        assertThat(probe(challenge)).isEqualTo(401);

        Api.Response done = complete(challenge, "code", TotpCodes.nextCode(Scenario.ADMIN_TOTP_SECRET), "198.51.100.10");

        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        assertThat(me(done.text("accessToken"))).startsWith("ADMIN ");
        assertThat(done.text("refreshToken")).isNotBlank();
        assertProblem(complete(challenge, "code", TotpCodes.nextCode(Scenario.ADMIN_TOTP_SECRET), "198.51.100.10"),
                401, "mfa-challenge-invalid");
    }

    @Test
    void a_wrong_code_is_refused_and_the_same_challenge_then_takes_the_right_one() {
        Scenario.EnrolledStaff auditor = scenario.auditor();
        String challenge = staffLogin(auditor.email(), TestData.PASSWORD, "198.51.100.11").text("challengeToken");
        String right = TotpCodes.nextCode(auditor.totpSecret());
        String wrong = right.equals("000000") ? "000001" : "000000";

        assertProblem(complete(challenge, "code", wrong, "198.51.100.11"), 401, "mfa-code-invalid");
        assertProblem(complete(challenge, "code", "12ab56", "198.51.100.11"), 401, "mfa-code-invalid");
        Api.Response done = complete(challenge, "code", right, "198.51.100.11");

        assertThat(done.status()).as(done.toString()).isEqualTo(200);
        assertThat(me(done.text("accessToken"))).isEqualTo("AUDITOR " + auditor.id());
    }

    @Test
    void a_code_works_once_even_within_its_thirty_seconds() {
        Scenario.EnrolledStaff auditor = scenario.auditor();
        String code = TotpCodes.nextCode(auditor.totpSecret());
        String first = staffLogin(auditor.email(), TestData.PASSWORD, "198.51.100.12").text("challengeToken");
        assertThat(complete(first, "code", code, "198.51.100.12").status()).isEqualTo(200);

        String second = staffLogin(auditor.email(), TestData.PASSWORD, "198.51.100.12").text("challengeToken");

        assertProblem(complete(second, "code", code, "198.51.100.12"), 401, "mfa-code-invalid");
    }

    @Test
    void an_expired_challenge_is_refused() {
        Scenario.EnrolledStaff auditor = scenario.auditor();
        MfaChallenges issuedEarlier = new MfaChallenges(redis, properties,
                new MovableClock(Instant.now().minus(properties.challengeLifetime()).minusSeconds(1)));
        String expired = issuedEarlier.issue(auditor.id(), MfaChallenges.Purpose.LOGIN);

        assertProblem(complete(expired, "code", TotpCodes.nextCode(auditor.totpSecret()), "198.51.100.13"),
                401, "mfa-challenge-invalid");
        assertProblem(complete("made-up", "code", "123456", "198.51.100.13"), 401, "mfa-challenge-invalid");
    }

    @Test
    void challenge_tokens_expire_and_count_wrong_codes_on_the_injected_clock() {
        Instant start = Instant.parse("2030-01-07T12:00:00Z");
        MovableClock clock = new MovableClock(start);
        MfaChallenges challenges = new MfaChallenges(redis, properties, clock);
        UUID account = UUID.randomUUID();

        String login = challenges.issue(account, MfaChallenges.Purpose.LOGIN);
        assertThat(challenges.peek(login, MfaChallenges.Purpose.ENROLMENT)).as("wrong purpose").isEmpty();
        assertThat(challenges.peek(login, MfaChallenges.Purpose.LOGIN)).contains(account);
        clock.moveTo(start.plus(properties.challengeLifetime()).minusMillis(1));
        assertThat(challenges.peek(login, MfaChallenges.Purpose.LOGIN)).contains(account);
        clock.moveTo(start.plus(properties.challengeLifetime()));
        assertThat(challenges.consume(login, MfaChallenges.Purpose.LOGIN)).as("expired").isEmpty();

        clock.moveTo(start);
        String guessed = challenges.issue(account, MfaChallenges.Purpose.LOGIN);
        for (int i = 1; i < properties.attemptsPerChallenge(); i++) {
            challenges.failed(guessed);
        }
        assertThat(challenges.peek(guessed, MfaChallenges.Purpose.LOGIN)).contains(account);
        challenges.failed(guessed);
        assertThat(challenges.peek(guessed, MfaChallenges.Purpose.LOGIN)).as("spent by the last wrong code").isEmpty();

        String once = challenges.issue(account, MfaChallenges.Purpose.ENROLMENT);
        assertThat(challenges.consume(once, MfaChallenges.Purpose.ENROLMENT)).contains(account);
        assertThat(challenges.consume(once, MfaChallenges.Purpose.ENROLMENT)).isEmpty();
    }

    @Test
    void wrong_codes_are_throttled_per_account_and_address_like_passwords() {
        Scenario.EnrolledStaff auditor = scenario.auditor();
        String address = "198.51.100.14";
        String challenge = staffLogin(auditor.email(), TestData.PASSWORD, address).text("challengeToken");
        for (int i = 0; i < 5; i++) {
            assertProblem(complete(challenge, "code", "99999" + i, address), 401, "mfa-code-invalid");
        }
        assertProblem(complete(challenge, "code", TotpCodes.now(auditor.totpSecret()), "198.51.100.15"),
                401, "mfa-challenge-invalid");

        String again = staffLogin(auditor.email(), TestData.PASSWORD, address).text("challengeToken");
        Api.Response throttled = complete(again, "code", TotpCodes.now(auditor.totpSecret()), address);

        assertProblem(throttled, 429, "too-many-mfa-attempts");
        assertThat(Long.parseLong(throttled.header("Retry-After"))).isPositive();
        String elsewhere = staffLogin(auditor.email(), TestData.PASSWORD, "198.51.100.16").text("challengeToken");
        assertThat(complete(elsewhere, "code", TotpCodes.nextCode(auditor.totpSecret()), "198.51.100.16").status())
                .as("another address of the owner").isEqualTo(200);
    }

    @Test
    void each_recovery_code_logs_in_once() {
        Scenario.EnrolledStaff auditor = scenario.auditor();
        assertThat(auditor.recoveryCodes()).hasSize(properties.recoveryCodes()).doesNotHaveDuplicates()
                .allSatisfy(code -> assertThat(code).matches("[A-Z2-9]{4}(-[A-Z2-9]{4}){3}"));
        String address = "198.51.100.17";

        String first = staffLogin(auditor.email(), TestData.PASSWORD, address).text("challengeToken");
        Api.Response done = complete(first, "recoveryCode", auditor.recoveryCodes().get(0), address);
        assertThat(done.status()).as(done.toString()).isEqualTo(200);

        String second = staffLogin(auditor.email(), TestData.PASSWORD, address).text("challengeToken");
        assertProblem(complete(second, "recoveryCode", auditor.recoveryCodes().get(0), address), 401, "mfa-code-invalid");
        String typed = auditor.recoveryCodes().get(1).replace("-", " ").toLowerCase(java.util.Locale.ROOT);
        assertThat(complete(second, "recoveryCode", typed, address).status()).isEqualTo(200);

        Api.Response both = api.post("/api/auth/mfa").body(Map.of("challengeToken", "x", "code", "123456",
                "recoveryCode", auditor.recoveryCodes().get(2))).send();
        assertProblem(both, 400, "mfa-code-required");
        assertThat(jdbc.sql("SELECT count(*) FROM account_recovery_code WHERE code_hash = ?")
                .param(auditor.recoveryCodes().get(2)).query(Integer.class).single())
                .as("stored hashed, never in clear").isZero();
    }

    @Test
    void an_auditor_must_enrol_at_the_first_login_and_the_enrolment_token_allows_nothing_else() {
        String email = TestData.uniqueEmail("auditor");
        assertThat(api.post("/api/admin/auditors").token(scenario.adminToken())
                .body(Map.of("name", "Rita Auditora", "email", email, "password", TestData.PASSWORD)).send().status())
                .isEqualTo(201);
        String address = "198.51.100.18";
        Api.Response login = staffLogin(email, TestData.PASSWORD, address);
        assertProblem(login, 401, "mfa-enrolment-required");
        String enrolmentToken = login.text("enrolmentToken");
        assertThat(login.text("accessToken")).isNull();
        assertThat(probe(enrolmentToken)).isEqualTo(401);
        assertProblem(complete(enrolmentToken, "code", "123456", address), 401, "mfa-challenge-invalid");

        Api.Response enrolment = api.post("/api/auth/mfa/enrolment").body(Map.of("enrolmentToken", enrolmentToken)).send();
        assertThat(enrolment.status()).as(enrolment.toString()).isEqualTo(200);
        String secret = enrolment.text("secret");
        assertThat(secret).matches("[A-Z2-7]{32}");
        assertThat(enrolment.text("otpauthUri")).startsWith("otpauth://totp/Health%26Med:AUDITOR%20")
                .contains("secret=" + secret).contains("digits=6").contains("period=30").contains("algorithm=SHA1")
                .doesNotContain(email).doesNotContain("rita");
        assertThat(enrolment.text("qrCode")).startsWith("data:image/png;base64,");
        assertThat(enrolment.header("Cache-Control")).contains("no-store");
        assertThat(jdbc.sql("SELECT sealed_secret FROM account_second_factor").query(String.class).list())
                .as("sealed with the person's key").allSatisfy(stored -> assertThat(stored).startsWith("sealed:v1:"))
                .noneSatisfy(stored -> assertThat(stored).contains(secret));

        assertProblem(api.post("/api/auth/mfa/enrolment/confirm")
                .body(Map.of("enrolmentToken", enrolmentToken, "code", "12345")).send(), 401, "mfa-code-invalid");
        Api.Response confirmed = api.post("/api/auth/mfa/enrolment/confirm")
                .body(Map.of("enrolmentToken", enrolmentToken, "code", TotpCodes.nextCode(secret))).send();
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        assertThat(me(confirmed.text("accessToken"))).startsWith("AUDITOR ");
        assertThat(confirmed.json().path("recoveryCodes")).hasSize(properties.recoveryCodes());
        assertProblem(api.post("/api/auth/mfa/enrolment/confirm")
                .body(Map.of("enrolmentToken", enrolmentToken, "code", TotpCodes.nextCode(secret))).send(),
                401, "mfa-challenge-invalid");

        assertProblem(staffLogin(email, TestData.PASSWORD, address), 401, "mfa-required");
    }

    @Test
    void a_doctor_may_opt_in_proving_the_password_and_opt_out_proving_a_code() {
        Scenario.Person doctor = scenario.unverifiedDoctor();
        Map<String, Object> credentials = Map.of("crm", doctor.registration().get("crm"), "uf",
                doctor.registration().get("uf"), "password", TestData.PASSWORD);
        String address = "198.51.100.19";

        assertProblem(api.post("/api/auth/mfa/enrolment").token(doctor.accessToken()).body(Map.of("password", "wrong"))
                .header("X-Forwarded-For", address).send(), 403, "password-incorrect");
        assertProblem(api.post("/api/auth/mfa/enrolment").body(Map.of()).send(), 401, "mfa-challenge-invalid");
        Api.Response enrolment = api.post("/api/auth/mfa/enrolment").token(doctor.accessToken())
                .header("X-Forwarded-For", address).body(Map.of("password", TestData.PASSWORD)).send();
        assertThat(enrolment.status()).as(enrolment.toString()).isEqualTo(200);
        String secret = enrolment.text("secret");
        assertThat(api.post("/api/auth/doctor/login").body(credentials).send().status())
                .as("not active before the first code").isEqualTo(200);
        Api.Response confirmed = api.post("/api/auth/mfa/enrolment/confirm").token(doctor.accessToken())
                .header("X-Forwarded-For", address).body(Map.of("code", TotpCodes.nextCode(secret))).send();
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(200);
        assertThat(confirmed.text("accessToken")).as("already logged in").isNull();
        assertProblem(api.post("/api/auth/mfa/enrolment").token(doctor.accessToken())
                .body(Map.of("password", TestData.PASSWORD)).send(), 409, "mfa-already-enrolled");

        Api.Response login = api.post("/api/auth/doctor/login").body(credentials).send();
        assertProblem(login, 401, "mfa-required");
        Api.Response done = complete(login.text("challengeToken"), "code", TotpCodes.nextCode(secret), address);
        assertThat(me(done.text("accessToken"))).isEqualTo("DOCTOR " + doctor.id());

        assertProblem(api.post("/api/auth/mfa/disable").token(doctor.accessToken()).header("X-Forwarded-For", address)
                .body(Map.of("code", "000000".equals(TotpCodes.now(secret)) ? "000001" : "000000")).send(),
                401, "mfa-code-invalid");
        Api.Response disabled = api.post("/api/auth/mfa/disable").token(doctor.accessToken())
                .header("X-Forwarded-For", address).body(Map.of("code", TotpCodes.nextCode(secret))).send();
        assertThat(disabled.status()).as(disabled.toString()).isEqualTo(204);
        assertThat(api.post("/api/auth/doctor/login").body(credentials).send().status()).isEqualTo(200);
        assertProblem(api.post("/api/auth/mfa/disable").token(doctor.accessToken())
                .body(Map.of("code", "123456")).send(), 409, "mfa-not-enrolled");
    }

    @Test
    void admins_and_auditors_cannot_switch_their_factor_off() {
        Scenario.EnrolledStaff auditor = scenario.auditor();

        assertProblem(api.post("/api/auth/mfa/disable").token(scenario.adminToken()).body(Map.of("code", "123456")).send(),
                403, "mfa-mandatory");
        assertProblem(api.post("/api/auth/mfa/disable").token(auditor.accessToken()).body(Map.of("code", "123456")).send(),
                403, "mfa-mandatory");
        assertThat(api.post("/api/auth/mfa/disable").body(Map.of("code", "123456")).send().status()).isEqualTo(401);
    }

    @Test
    void an_admin_resets_a_lost_factor_the_reset_is_recorded_and_the_account_enrols_again() {
        Scenario.EnrolledStaff auditor = scenario.auditor();
        String admin = scenario.adminToken();
        String adminId = me(admin).substring("ADMIN ".length());

        assertProblem(api.post("/api/admin/accounts/" + auditor.id() + "/mfa-reset").token(admin).body(Map.of()).send(),
                400, "reason-required");
        assertProblem(api.post("/api/admin/accounts/" + adminId + "/mfa-reset").token(admin)
                .body(Map.of("reason", REASON)).send(), 403, "mfa-self-reset");
        assertProblem(api.post("/api/admin/accounts/" + UUID.randomUUID() + "/mfa-reset").token(admin)
                .body(Map.of("reason", REASON)).send(), 409, "mfa-not-enrolled");
        assertThat(api.post("/api/admin/accounts/" + adminId + "/mfa-reset").token(auditor.accessToken())
                .body(Map.of("reason", REASON)).send().status()).as("ADMIN only").isEqualTo(403);

        Api.Response reset = api.post("/api/admin/accounts/" + auditor.id() + "/mfa-reset").token(admin)
                .body(Map.of("reason", REASON)).send();

        assertThat(reset.status()).as(reset.toString()).isEqualTo(204);
        assertThat(probe(auditor.accessToken())).as("sessions end").isEqualTo(401);
        assertProblem(staffLogin(auditor.email(), TestData.PASSWORD, "198.51.100.20"), 401, "mfa-enrolment-required");
        List<? extends DomainEventMessage<?>> events = eventStore.readEvents("mfa-" + auditor.id()).asStream().toList();
        assertThat(events.getLast().getPayload()).isInstanceOf(SecondFactorResetEvent.class);
        assertThat(events.getLast().getMetaData()).containsEntry(AuditMetadata.USER_ID, adminId)
                .containsEntry(AuditMetadata.ROLE, "ADMIN");
        assertThat(new HashSet<>(jdbc.sql("SELECT account_id FROM account_recovery_code").query(UUID.class).list()))
                .doesNotContain(auditor.id());
    }
}
