package br.com.healthmed.command.auth;

import br.com.healthmed.api.common.Email;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.doctor.Crm;
import br.com.healthmed.api.patient.Cpf;
import br.com.healthmed.command.account.LoginIdentifier;
import br.com.healthmed.command.security.PemKeys;
import br.com.healthmed.command.security.SecurityProbe;
import br.com.healthmed.command.support.Api;
import br.com.healthmed.command.support.IntegrationTest;
import br.com.healthmed.command.support.TestAccounts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.Jwts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Import;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static br.com.healthmed.command.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
@Import(SecurityProbe.class)
class LoginIT extends AuthenticationTest {

    @Value("${healthmed.security.jwt.key-directory}")
    Path keyDirectory;

    @Test
    void a_patient_logs_in_with_their_email_in_any_case() {
        String email = TestAccounts.email();
        UUID patient = accounts.create(Role.PATIENT, PASSWORD, LoginIdentifier.patientEmail(new Email(email)));

        HttpResponse<String> response = api.post("/api/auth/patient/login",
                Map.of("login", "  " + email.toUpperCase() + " ", "password", PASSWORD));

        assertTokens(response, patient, Role.PATIENT);
    }

    @Test
    void a_patient_logs_in_with_their_cpf_with_or_without_punctuation() {
        String cpf = TestAccounts.cpf();
        UUID patient = accounts.create(Role.PATIENT, PASSWORD, LoginIdentifier.patientCpf(new Cpf(cpf)),
                LoginIdentifier.patientEmail(new Email(TestAccounts.email())));

        assertTokens(api.post("/api/auth/patient/login", Map.of("login", cpf, "password", PASSWORD)), patient, Role.PATIENT);
        assertTokens(api.post("/api/auth/patient/login", Map.of("login", TestAccounts.punctuated(cpf), "password", PASSWORD)),
                patient, Role.PATIENT);
    }

    @Test
    void a_doctor_logs_in_with_crm_and_uf() {
        String number = TestAccounts.crmNumber();
        UUID doctor = accounts.create(Role.DOCTOR, PASSWORD, LoginIdentifier.doctorCrm(Crm.of(number, "SP")));

        assertTokens(api.post("/api/auth/doctor/login", Map.of("crm", number, "uf", "SP", "password", PASSWORD)),
                doctor, Role.DOCTOR);
        assertTokens(api.post("/api/auth/doctor/login", Map.of("crm", "00" + number, "uf", "sp", "password", PASSWORD)),
                doctor, Role.DOCTOR);
    }

    @Test
    void the_same_crm_number_in_another_uf_is_another_doctor() {
        String number = TestAccounts.crmNumber();
        accounts.create(Role.DOCTOR, PASSWORD, LoginIdentifier.doctorCrm(Crm.of(number, "SP")));

        assertInvalidCredentials(api.post("/api/auth/doctor/login", Map.of("crm", number, "uf", "RJ", "password", PASSWORD)));
    }

    @Test
    void administrators_and_auditors_log_in_with_their_staff_email_and_must_enrol_a_second_factor_first() {
        String adminEmail = TestAccounts.email();
        String auditorEmail = TestAccounts.email();
        accounts.create(Role.ADMIN, PASSWORD, LoginIdentifier.staffEmail(new Email(adminEmail)));
        accounts.create(Role.AUDITOR, PASSWORD, LoginIdentifier.staffEmail(new Email(auditorEmail)));

        for (String email : List.of(adminEmail, auditorEmail)) {
            HttpResponse<String> login = api.post("/api/auth/admin/login", Map.of("email", email, "password", PASSWORD));
            JsonNode problem = Api.body(login);
            assertThat(login.statusCode()).isEqualTo(401);
            assertThat(problem.path("code").asText()).isEqualTo("mfa-enrolment-required");
            assertThat(problem.path("enrolmentToken").asText()).hasSizeGreaterThan(40);
            assertThat(problem.has("accessToken")).isFalse();
        }
    }

    @Test
    void the_access_token_verifies_with_the_public_key_alone_and_lives_at_most_fifteen_minutes() throws Exception {
        String email = TestAccounts.email();
        UUID patient = accounts.create(Role.PATIENT, PASSWORD, LoginIdentifier.patientEmail(new Email(email)));
        String accessToken = Api.body(api.post("/api/auth/patient/login", Map.of("login", email, "password", PASSWORD)))
                .get("accessToken").asText();

        PublicKey publicKey = PemKeys.publicKey(Files.readString(keyDirectory.resolve("jwt-public.pem")));
        Jws<Claims> jws = Jwts.parser().verifyWith(publicKey).build().parseSignedClaims(accessToken);

        Claims claims = jws.getPayload();
        assertThat(jws.getHeader().getAlgorithm()).isEqualTo("EdDSA");
        assertThat(claims.getSubject()).isEqualTo(patient.toString());
        assertThat(claims.get("role", String.class)).isEqualTo("PATIENT");
        assertThat(claims.getIssuer()).isEqualTo("healthmed");
        assertThat(claims.getId()).isNotBlank();
        assertThat(Duration.between(claims.getIssuedAt().toInstant(), claims.getExpiration().toInstant()))
                .isPositive().isLessThanOrEqualTo(Duration.ofSeconds(900));
    }

    @Test
    void the_access_token_opens_protected_endpoints_as_the_account() {
        String email = TestAccounts.email();
        UUID patient = accounts.create(Role.PATIENT, PASSWORD, LoginIdentifier.patientEmail(new Email(email)));
        String accessToken = Api.body(api.post("/api/auth/patient/login", Map.of("login", email, "password", PASSWORD)))
                .get("accessToken").asText();

        JsonNode me = Api.body(api.get("/api/probe/me", "Authorization", bearer(accessToken)));

        assertThat(me.get("userId").asText()).isEqualTo(patient.toString());
        assertThat(me.get("role").asText()).isEqualTo("PATIENT");
    }

    @Test
    void an_account_cannot_log_in_at_the_endpoint_of_another_role() {
        String email = TestAccounts.email();
        accounts.create(Role.PATIENT, PASSWORD, LoginIdentifier.patientEmail(new Email(email)));
        String doctorWithStaffEmail = TestAccounts.email();
        accounts.create(Role.DOCTOR, PASSWORD, LoginIdentifier.staffEmail(new Email(doctorWithStaffEmail)));
        String adminWithPatientEmail = TestAccounts.email();
        accounts.create(Role.ADMIN, PASSWORD, LoginIdentifier.patientEmail(new Email(adminWithPatientEmail)));

        assertInvalidCredentials(api.post("/api/auth/admin/login", Map.of("email", email, "password", PASSWORD)));
        assertInvalidCredentials(api.post("/api/auth/admin/login", Map.of("email", doctorWithStaffEmail, "password", PASSWORD)));
        assertInvalidCredentials(api.post("/api/auth/patient/login", Map.of("login", adminWithPatientEmail, "password", PASSWORD)));
    }

    @Test
    void unknown_user_wrong_password_and_malformed_login_get_the_same_answer() {
        String email = TestAccounts.email();
        accounts.create(Role.PATIENT, PASSWORD, LoginIdentifier.patientEmail(new Email(email)));

        HttpResponse<String> wrongPassword = api.post("/api/auth/patient/login", Map.of("login", email, "password", "wrong password"));
        HttpResponse<String> unknownUser = api.post("/api/auth/patient/login",
                Map.of("login", TestAccounts.email(), "password", PASSWORD));
        HttpResponse<String> malformed = api.post("/api/auth/patient/login", Map.of("login", "not an e-mail", "password", PASSWORD));
        HttpResponse<String> invalidCpf = api.post("/api/auth/patient/login", Map.of("login", "111.111.111-11", "password", PASSWORD));
        HttpResponse<String> empty = api.post("/api/auth/patient/login", "{}");

        assertInvalidCredentials(wrongPassword);
        for (HttpResponse<String> other : List.of(unknownUser, malformed, invalidCpf, empty)) {
            assertThat(other.statusCode()).isEqualTo(wrongPassword.statusCode());
            assertThat(withoutRequestIds(other)).isEqualTo(withoutRequestIds(wrongPassword));
            assertThat(other.headers().firstValue("Content-Type")).isEqualTo(wrongPassword.headers().firstValue("Content-Type"));
        }
    }

    /** Each answer names its own request's correlation and trace ids; everything else must be identical. */
    private static JsonNode withoutRequestIds(HttpResponse<String> response) {
        ObjectNode body = (ObjectNode) Api.body(response);
        assertThat(body.remove("correlationId")).isNotNull();
        assertThat(body.remove("traceId")).isNotNull();
        return body;
    }

    @Test
    void a_refused_login_never_echoes_the_password() {
        String email = TestAccounts.email();
        accounts.create(Role.PATIENT, PASSWORD, LoginIdentifier.patientEmail(new Email(email)));

        HttpResponse<String> response = api.post("/api/auth/patient/login", Map.of("login", email, "password", "Secret-Guess-123"));

        assertInvalidCredentials(response);
        assertThat(response.body()).doesNotContain("Secret-Guess-123").doesNotContain(email);
    }

    @Test
    void a_malformed_body_is_a_400_problem_not_a_server_error() {
        HttpResponse<String> response = api.post("/api/auth/patient/login", "{\"login\": ");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    private void assertTokens(HttpResponse<String> response, UUID accountId, Role role) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(value -> assertThat(value).contains("no-store"));
        JsonNode body = Api.body(response);
        assertThat(body.get("tokenType").asText()).isEqualTo("Bearer");
        assertThat(body.get("expiresIn").asLong()).isEqualTo(900);
        assertThat(body.get("refreshToken").asText()).matches("[A-Za-z0-9_-]{43}");
        assertThat(body.has("password")).isFalse();
        JsonNode me = Api.body(api.get("/api/probe/me", "Authorization", bearer(body.get("accessToken").asText())));
        assertThat(me.get("userId").asText()).isEqualTo(accountId.toString());
        assertThat(me.get("role").asText()).isEqualTo(role.name());
    }

    static void assertInvalidCredentials(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(Api.body(response).get("code").asText()).isEqualTo("invalid-credentials");
    }
}
