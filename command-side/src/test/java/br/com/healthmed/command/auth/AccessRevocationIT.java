package br.com.healthmed.command.auth;

import br.com.healthmed.api.common.Email;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.command.account.LoginIdentifier;
import br.com.healthmed.command.security.SecurityProbe;
import br.com.healthmed.command.support.Api;
import br.com.healthmed.command.support.IntegrationTest;
import br.com.healthmed.command.support.TestAccounts;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;

import java.net.http.HttpResponse;
import java.util.Map;

import static br.com.healthmed.command.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Until issue 9 an access token stayed good for up to 15 minutes after its login ended. Now logout and refresh-token
 * reuse put the login's session on the deny-list, and every access token of it is refused at once.
 */
@IntegrationTest
@Import(SecurityProbe.class)
class AccessRevocationIT extends AuthenticationTest {

    @Test
    void after_logout_the_access_token_of_that_login_is_refused() {
        JsonNode pair = newPatientLogin();
        String accessToken = pair.get("accessToken").asText();
        assertThat(me(accessToken).statusCode()).isEqualTo(200);

        HttpResponse<String> logout = api.post("/api/auth/logout", Map.of("refreshToken", pair.get("refreshToken").asText()));
        assertThat(logout.statusCode()).isEqualTo(204);

        assertRevoked(me(accessToken));
    }

    @Test
    void logging_out_one_login_leaves_the_other_logins_of_the_account_alone() {
        String email = TestAccounts.email();
        accounts.create(Role.PATIENT, PASSWORD, LoginIdentifier.patientEmail(new Email(email)));
        JsonNode phone = login(email);
        JsonNode laptop = login(email);

        api.post("/api/auth/logout", Map.of("refreshToken", phone.get("refreshToken").asText()));

        assertRevoked(me(phone.get("accessToken").asText()));
        assertThat(me(laptop.get("accessToken").asText()).statusCode()).isEqualTo(200);
    }

    @Test
    void a_reused_refresh_token_revokes_the_access_tokens_of_its_login_too() {
        JsonNode pair = newPatientLogin();
        JsonNode rotated = Api.body(refresh(pair.get("refreshToken").asText()));
        String thiefsAccessToken = rotated.get("accessToken").asText();
        assertThat(me(thiefsAccessToken).statusCode()).isEqualTo(200);

        assertThat(refresh(pair.get("refreshToken").asText()).statusCode()).isEqualTo(401);

        assertRevoked(me(thiefsAccessToken));
        assertRevoked(me(pair.get("accessToken").asText()));
    }

    private JsonNode newPatientLogin() {
        String email = TestAccounts.email();
        accounts.create(Role.PATIENT, PASSWORD, LoginIdentifier.patientEmail(new Email(email)));
        return login(email);
    }

    private JsonNode login(String email) {
        HttpResponse<String> response = api.post("/api/auth/patient/login", Map.of("login", email, "password", PASSWORD));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Api.body(response);
    }

    private HttpResponse<String> refresh(String refreshToken) {
        return api.post("/api/auth/refresh", Map.of("refreshToken", refreshToken));
    }

    private HttpResponse<String> me(String accessToken) {
        return api.get("/api/probe/me", "Authorization", bearer(accessToken));
    }

    private static void assertRevoked(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(Api.body(response).get("code").asText()).isEqualTo("token-revoked");
    }
}
