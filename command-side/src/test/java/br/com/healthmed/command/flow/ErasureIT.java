package br.com.healthmed.command.flow;

import br.com.healthmed.command.support.Api;
import br.com.healthmed.command.support.IntegrationTest;
import br.com.healthmed.command.support.Scenario;
import br.com.healthmed.command.support.Scenario.Person;
import br.com.healthmed.command.support.TestData;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Until issue 9, erasure needed nothing but an access token, and that token kept working afterwards. Now it asks for
 * the current password again and ends every session of the account at once.
 */
@IntegrationTest
class ErasureIT {

    @LocalServerPort
    int port;

    @Test
    void erasure_needs_the_current_password_and_revokes_every_access_token_of_the_account() {
        Api api = new Api(port);
        Scenario scenario = new Scenario(api);
        Person patient = scenario.patient();
        Api.Response secondLogin = api.post("/api/auth/patient/login")
                .body(Map.of("login", patient.registration().get("email"), "password", TestData.PASSWORD)).send();
        assertThat(secondLogin.status()).isEqualTo(200);

        assertProblem(api.delete("/api/patients/me").token(patient.accessToken()).send(), 400, "password-required");
        assertProblem(api.delete("/api/patients/me").token(patient.accessToken())
                .body(Map.of("password", "not-the-password-at-all")).send(), 403, "password-incorrect");
        assertThat(api.delete("/api/patients/me").token(patient.accessToken())
                .body(Map.of("password", TestData.PASSWORD)).send().status()).isEqualTo(204);

        for (String token : new String[]{patient.accessToken(), secondLogin.text("accessToken")}) {
            assertProblem(api.post("/api/appointments").token(token).body(Map.of()).send(), 401, "token-revoked");
        }
        assertProblem(api.post("/api/auth/refresh").body(Map.of("refreshToken", patient.refreshToken())).send(),
                401, "refresh-token-invalid");
    }

    private static void assertProblem(Api.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
        assertThat(response.code()).as(response.toString()).isEqualTo(code);
    }
}
