package br.com.healthmed.command.security;

import br.com.healthmed.platform.security.Actor;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.command.support.Api;
import br.com.healthmed.command.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import java.net.http.HttpResponse;
import java.util.UUID;

import static br.com.healthmed.command.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
@Import(SecurityProbe.class)
class CorrelationIdIT {

    @LocalServerPort
    int port;

    @Autowired
    AccessTokenIssuer issuer;

    Api api;

    @BeforeEach
    void client() {
        api = new Api(port);
    }

    @Test
    void a_plain_correlation_id_from_the_client_is_echoed() {
        HttpResponse<String> response = api.get("/actuator/health", "X-Correlation-Id", "client-req_1.a");

        assertThat(response.headers().firstValue("X-Correlation-Id")).hasValue("client-req_1.a");
    }

    @Test
    void without_one_a_fresh_id_is_generated_for_each_request() {
        String first = api.get("/actuator/health").headers().firstValue("X-Correlation-Id").orElseThrow();
        String second = api.get("/actuator/health").headers().firstValue("X-Correlation-Id").orElseThrow();

        assertThat(first).matches("[0-9a-f-]{36}");
        assertThat(second).matches("[0-9a-f-]{36}").isNotEqualTo(first);
    }

    @Test
    void an_overlong_or_unusual_id_is_replaced_by_a_generated_one() {
        HttpResponse<String> tooLong = api.get("/actuator/health", "X-Correlation-Id", "a".repeat(65));
        HttpResponse<String> odd = api.get("/actuator/health", "X-Correlation-Id", "<script>");

        assertThat(tooLong.headers().firstValue("X-Correlation-Id")).hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f-]{36}"));
        assertThat(odd.headers().firstValue("X-Correlation-Id")).hasValueSatisfying(id -> assertThat(id).matches("[0-9a-f-]{36}"));
    }

    @Test
    void refused_requests_carry_the_correlation_id_too() {
        HttpResponse<String> response = api.get("/api/probe/me", "X-Correlation-Id", "denied-1");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("X-Correlation-Id")).hasValue("denied-1");
    }

    @Test
    void a_command_sent_during_a_request_carries_the_caller_and_the_correlation_id_as_metadata() {
        Actor patient = new Actor(UUID.randomUUID(), Role.PATIENT);

        HttpResponse<String> response = api.post("/api/probe/commands", "{}",
                "Authorization", bearer(issuer.issue(patient).value()), "X-Correlation-Id", "booking-77");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var metadata = Api.body(response);
        assertThat(metadata.get("userId").asText()).isEqualTo(patient.userId().toString());
        assertThat(metadata.get("role").asText()).isEqualTo("PATIENT");
        assertThat(metadata.get("correlationId").asText()).isEqualTo("booking-77");
    }

    @Test
    void a_generated_correlation_id_is_the_one_the_command_carries() {
        HttpResponse<String> response = api.post("/api/probe/commands", "{}",
                "Authorization", bearer(issuer.issue(new Actor(UUID.randomUUID(), Role.DOCTOR)).value()));

        assertThat(Api.body(response).get("correlationId").asText())
                .isEqualTo(response.headers().firstValue("X-Correlation-Id").orElseThrow());
    }
}
