package br.com.healthmed.query.flow;

import br.com.healthmed.api.common.Role;
import br.com.healthmed.query.support.IntegrationTest;
import br.com.healthmed.query.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every endpoint of the query side against every role and no token: public reads stay public, the rest answer 401
 * without a token and 403 to a wrong role, always as a problem document. Ownership (404 for someone else's data) is
 * covered per endpoint in AppointmentsIT and AuditHistoryIT.
 */
@IntegrationTest
class AuthorizationMatrixIT {

    @Autowired
    TestRestTemplate http;

    record Endpoint(HttpMethod method, String path, Set<Role> allowed, boolean isPublic) {
    }

    private static final String SOMEONE = UUID.randomUUID().toString();

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint(HttpMethod.GET, "/api/specialties", EnumSet.allOf(Role.class), true),
            new Endpoint(HttpMethod.GET, "/api/doctors", EnumSet.allOf(Role.class), true),
            new Endpoint(HttpMethod.GET, "/api/doctors/" + SOMEONE, EnumSet.allOf(Role.class), true),
            new Endpoint(HttpMethod.GET, "/api/doctors/" + SOMEONE + "/agenda", EnumSet.allOf(Role.class), true),
            new Endpoint(HttpMethod.GET, "/api/doctors/me/agenda", EnumSet.of(Role.DOCTOR), false),
            new Endpoint(HttpMethod.GET, "/api/appointments", EnumSet.of(Role.PATIENT, Role.DOCTOR), false),
            new Endpoint(HttpMethod.GET, "/api/appointments/" + SOMEONE, EnumSet.of(Role.PATIENT, Role.DOCTOR), false),
            new Endpoint(HttpMethod.GET, "/api/audit/appointments/" + SOMEONE + "/history", EnumSet.of(Role.AUDITOR, Role.ADMIN), false),
            new Endpoint(HttpMethod.GET, "/api/patients/me/export", EnumSet.of(Role.PATIENT), false),
            new Endpoint(HttpMethod.GET, "/api/admin/personal-data-reads", EnumSet.of(Role.ADMIN), false),
            new Endpoint(HttpMethod.GET, "/actuator/processors", EnumSet.of(Role.ADMIN), false),
            new Endpoint(HttpMethod.POST, "/api/admin/processors/unknown/reset", EnumSet.of(Role.ADMIN), false),
            new Endpoint(HttpMethod.GET, "/api/admin/processors/agenda/dead-letters", EnumSet.of(Role.ADMIN), false),
            new Endpoint(HttpMethod.POST, "/api/admin/processors/unknown/dead-letters/retry", EnumSet.of(Role.ADMIN), false),
            new Endpoint(HttpMethod.DELETE, "/api/admin/processors/agenda/dead-letters/" + SOMEONE, EnumSet.of(Role.ADMIN), false));

    private ResponseEntity<String> call(Endpoint endpoint, String token) {
        HttpHeaders headers = new HttpHeaders();
        if (token != null) {
            headers.setBearerAuth(token);
        }
        return http.exchange(endpoint.path(), endpoint.method(), new HttpEntity<>(headers), String.class);
    }

    @Test
    void every_endpoint_answers_each_role_as_its_rules_say() {
        List<String> checked = new ArrayList<>();
        for (Endpoint endpoint : ENDPOINTS) {
            ResponseEntity<String> anonymous = call(endpoint, null);
            if (endpoint.isPublic()) {
                assertThat(anonymous.getStatusCode().value()).as("%s anonymous", endpoint.path()).isNotIn(401, 403)
                        .isLessThan(500);
            } else {
                assertThat(anonymous.getStatusCode().value()).as("%s anonymous", endpoint.path()).isEqualTo(401);
                assertThat(anonymous.getHeaders().getContentType()).hasToString("application/problem+json");
            }
            for (Role role : Role.values()) {
                ResponseEntity<String> response = call(endpoint, TestTokens.token(UUID.randomUUID(), role));
                String label = endpoint.method() + " " + endpoint.path() + " as " + role;
                if (endpoint.allowed().contains(role)) {
                    assertThat(response.getStatusCode().value()).as(label).isNotIn(401, 403).isLessThan(500);
                } else {
                    assertThat(response.getStatusCode().value()).as(label).isEqualTo(403);
                    assertThat(response.getBody()).as(label).contains("\"code\":\"forbidden\"");
                }
                checked.add(label);
            }
        }
        assertThat(checked).hasSize(ENDPOINTS.size() * Role.values().length);
    }

    @Test
    void expired_and_forged_tokens_are_refused_everywhere_that_needs_one() {
        for (Endpoint endpoint : ENDPOINTS) {
            if (endpoint.isPublic()) {
                continue;
            }
            Role role = endpoint.allowed().iterator().next();
            assertThat(call(endpoint, TestTokens.expired(UUID.randomUUID(), role)).getStatusCode().value())
                    .as("%s expired", endpoint.path()).isEqualTo(401);
            assertThat(call(endpoint, TestTokens.forged(UUID.randomUUID(), role)).getStatusCode().value())
                    .as("%s forged", endpoint.path()).isEqualTo(401);
        }
    }
}
