package br.com.healthmed.command.web;

import br.com.healthmed.command.support.Api;
import br.com.healthmed.command.support.IntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** What operators and API consumers rely on without logging in: probes and the API description. */
@IntegrationTest
class OperationsIT {

    @LocalServerPort
    int port;

    @Test
    void readiness_and_liveness_probes_answer_up() {
        Api api = new Api(port);
        for (String probe : new String[]{"/actuator/health", "/actuator/health/readiness", "/actuator/health/liveness"}) {
            HttpResponse<String> response = api.get(probe);
            assertThat(response.statusCode()).as(probe).isEqualTo(200);
            assertThat(Api.body(response).path("status").asText()).as(probe).isEqualTo("UP");
        }
    }

    @Test
    void the_openapi_document_describes_every_command_endpoint_with_bearer_authentication() {
        Api api = new Api(port);
        HttpResponse<String> response = api.get("/v3/api-docs");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode document = Api.body(response);
        assertThat(document.path("paths").properties()).extracting(java.util.Map.Entry::getKey).contains(
                "/api/patients", "/api/doctors", "/api/doctors/me/profile", "/api/doctors/me/slots",
                "/api/doctors/me/slots/{slotId}", "/api/appointments", "/api/appointments/{appointmentId}/accept",
                "/api/appointments/{appointmentId}/reject", "/api/appointments/{appointmentId}/cancel",
                "/api/admin/doctors/{doctorId}/verification", "/api/admin/auditors",
                "/api/auth/patient/login", "/api/auth/doctor/login", "/api/auth/admin/login",
                "/api/auth/refresh", "/api/auth/logout");
        assertThat(document.path("components").path("securitySchemes").path("bearer").path("scheme").asText()).isEqualTo("bearer");
        assertThat(api.get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
    }
}
