package br.com.healthmed.command.security;

import br.com.healthmed.platform.security.Actor;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.command.support.Api;
import br.com.healthmed.command.support.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import java.net.http.HttpResponse;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static br.com.healthmed.command.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
@Import(SecurityProbe.class)
class RequestAuthenticationIT {

    @LocalServerPort
    int port;

    @Autowired
    AccessTokenIssuer issuer;

    @Autowired
    SigningKeys keys;

    @Autowired
    JwtProperties jwt;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @Test
    void a_valid_token_makes_its_actor_the_principal() {
        Actor doctor = new Actor(UUID.randomUUID(), Role.DOCTOR);

        HttpResponse<String> response = api.get("/api/probe/me", "Authorization", bearer(issuer.issue(doctor).value()));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Api.body(response).get("userId").asText()).isEqualTo(doctor.userId().toString());
        assertThat(Api.body(response).get("role").asText()).isEqualTo("DOCTOR");
    }

    @Test
    void without_a_token_a_protected_endpoint_answers_401_unauthenticated_as_a_problem_even_to_a_browser() {
        HttpResponse<String> response = api.get("/api/probe/me", "Accept", "text/html");

        assertProblem(response, 401, "unauthenticated");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    }

    @Test
    void an_expired_token_answers_401_token_expired() {
        Clock anHourAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
        String expired = new AccessTokenIssuer(keys.privateKey(), jwt.issuer(), Duration.ofMinutes(15), anHourAgo)
                .issue(new Actor(UUID.randomUUID(), Role.PATIENT)).value();

        HttpResponse<String> response = api.get("/api/probe/me", "Authorization", bearer(expired));

        assertProblem(response, 401, "token-expired");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
    }

    @Test
    void a_token_signed_with_another_key_answers_401_token_invalid() throws Exception {
        var otherKey = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate();
        String forged = new AccessTokenIssuer(otherKey, jwt.issuer(), Duration.ofMinutes(15), Clock.systemUTC())
                .issue(new Actor(UUID.randomUUID(), Role.ADMIN)).value();

        assertProblem(api.get("/api/probe/me", "Authorization", bearer(forged)), 401, "token-invalid");
    }

    @Test
    void a_malformed_authorization_header_answers_401_token_invalid() {
        assertProblem(api.get("/api/probe/me", "Authorization", "Basic dXNlcjpwYXNz"), 401, "token-invalid");
        assertProblem(api.get("/api/probe/me", "Authorization", "Bearer not.a.jwt"), 401, "token-invalid");
    }

    /** Until issue 9, any logged-in patient could read the metrics and build info. */
    @Test
    void metrics_and_info_are_for_operators_only() {
        for (String path : new String[]{"/actuator/metrics", "/actuator/metrics/jvm.memory.used", "/actuator/info"}) {
            assertProblem(api.get(path), 401, "unauthenticated");
            for (Role role : new Role[]{Role.PATIENT, Role.DOCTOR, Role.AUDITOR}) {
                assertProblem(api.get(path, "Authorization", bearer(token(role))), 403, "forbidden");
            }
            assertThat(api.get(path, "Authorization", bearer(token(Role.ADMIN))).statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void public_endpoints_answer_without_a_token_and_despite_a_stale_one() {
        assertThat(api.get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(api.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
        assertThat(api.get("/v3/api-docs").statusCode()).isEqualTo(200);
        assertThat(api.get("/swagger-ui.html").statusCode()).isIn(200, 302);
        assertPassesSecurity(api.post("/api/patients", "{}"));
        assertPassesSecurity(api.post("/api/doctors", "{}"));
        assertThat(api.post("/api/auth/logout", "{\"refreshToken\":\"unknown\"}", "Authorization", "Bearer stale")
                .statusCode()).isEqualTo(204);
    }

    @Test
    void each_role_rule_lets_its_roles_through_and_answers_403_forbidden_to_the_others() {
        String id = UUID.randomUUID().toString();
        record Rule(String method, String path, Set<Role> allowed) {
        }
        List<Rule> rules = List.of(
                new Rule("GET", "/api/admin/anything", EnumSet.of(Role.ADMIN)),
                new Rule("POST", "/api/admin/doctors/" + id + "/verification", EnumSet.of(Role.ADMIN)),
                new Rule("POST", "/api/admin/auditors", EnumSet.of(Role.ADMIN)),
                new Rule("PUT", "/api/doctors/me/profile", EnumSet.of(Role.DOCTOR)),
                new Rule("POST", "/api/doctors/me/slots", EnumSet.of(Role.DOCTOR)),
                new Rule("DELETE", "/api/doctors/me/slots/" + id, EnumSet.of(Role.DOCTOR)),
                new Rule("POST", "/api/appointments", EnumSet.of(Role.PATIENT)),
                new Rule("POST", "/api/appointments/" + id + "/accept", EnumSet.of(Role.DOCTOR)),
                new Rule("POST", "/api/appointments/" + id + "/reject", EnumSet.of(Role.DOCTOR)),
                new Rule("POST", "/api/appointments/" + id + "/cancel", EnumSet.of(Role.PATIENT, Role.DOCTOR)),
                new Rule("DELETE", "/api/patients/me", EnumSet.of(Role.PATIENT)));

        for (Rule rule : rules) {
            assertProblem(api.method(rule.method(), rule.path()), 401, "unauthenticated");
            for (Role role : Role.values()) {
                HttpResponse<String> response = api.method(rule.method(), rule.path(), "Authorization", bearer(token(role)));
                if (rule.allowed().contains(role)) {
                    assertPassesSecurity(response);
                } else {
                    assertThat(response.statusCode()).as("%s %s as %s", rule.method(), rule.path(), role).isEqualTo(403);
                    assertProblem(response, 403, "forbidden");
                }
            }
        }
    }

    @Test
    void every_other_endpoint_needs_any_valid_token() {
        assertProblem(api.get("/api/anything-else"), 401, "unauthenticated");
        assertPassesSecurity(api.get("/api/anything-else", "Authorization", bearer(token(Role.AUDITOR))));
    }

    @Test
    void responses_carry_the_default_security_headers() {
        HttpResponse<String> response = api.get("/api/probe/me", "Authorization", bearer(token(Role.PATIENT)));

        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(response.headers().firstValue("Cache-Control")).hasValueSatisfying(value -> assertThat(value).contains("no-store"));
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
    }

    private String token(Role role) {
        return issuer.issue(new Actor(UUID.randomUUID(), role)).value();
    }

    private static void assertPassesSecurity(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.uri() + " " + response.body()).isNotIn(401, 403);
    }

    static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.uri() + " " + response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode body = Api.body(response);
        assertThat(body.get("code").asText()).isEqualTo(code);
        assertThat(body.get("status").asInt()).isEqualTo(status);
    }
}
