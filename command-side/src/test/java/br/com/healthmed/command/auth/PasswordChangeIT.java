package br.com.healthmed.command.auth;

import br.com.healthmed.api.common.Email;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.command.account.LoginIdentifier;
import br.com.healthmed.command.security.SecurityProbe;
import br.com.healthmed.command.support.Api;
import br.com.healthmed.command.support.IntegrationTest;
import br.com.healthmed.testing.MovableClock;
import br.com.healthmed.command.support.TestAccounts;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Import;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static br.com.healthmed.command.auth.LoginIT.assertInvalidCredentials;
import static br.com.healthmed.command.support.Api.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Until issue 9 a password could not be changed at all. Now the owner changes it with the current one, and every other
 * login of the account ends; a reset token works once, only while it is the latest, and for 30 minutes.
 */
@IntegrationTest
@Import(SecurityProbe.class)
class PasswordChangeIT extends AuthenticationTest {

    private static final String NEW_PASSWORD = "a brand new passphrase";

    @Test
    void a_change_needs_the_current_password_and_ends_every_other_login_of_the_account_but_the_callers() {
        String email = TestAccounts.email();
        accounts.create(Role.PATIENT, PASSWORD, LoginIdentifier.patientEmail(new Email(email)));
        JsonNode phone = login(email, PASSWORD);
        JsonNode laptop = login(email, PASSWORD);
        String laptopToken = laptop.get("accessToken").asText();

        assertProblem(change(laptopToken, "not the password", NEW_PASSWORD), 403, "password-incorrect");
        assertProblem(change(laptopToken, PASSWORD, "short"), 400, "password-too-short");
        assertThat(me(phone.get("accessToken").asText()).statusCode()).as("a refused change ends nothing").isEqualTo(200);

        assertThat(change(laptopToken, PASSWORD, NEW_PASSWORD).statusCode()).isEqualTo(204);

        assertProblem(me(phone.get("accessToken").asText()), 401, "token-revoked");
        assertProblem(refresh(phone.get("refreshToken").asText()), 401, "refresh-token-invalid");
        assertThat(me(laptopToken).statusCode()).isEqualTo(200);
        assertThat(refresh(laptop.get("refreshToken").asText()).statusCode()).isEqualTo(200);
        assertInvalidCredentials(api.post("/api/auth/patient/login", Map.of("login", email, "password", PASSWORD)));
        login(email, NEW_PASSWORD);
    }

    @Test
    void wrong_current_passwords_are_throttled_like_logins() {
        String email = TestAccounts.email();
        accounts.create(Role.PATIENT, PASSWORD, LoginIdentifier.patientEmail(new Email(email)));
        String token = login(email, PASSWORD).get("accessToken").asText();
        for (int i = 0; i < 5; i++) {
            assertProblem(change(token, "wrong guess " + i, NEW_PASSWORD), 403, "password-incorrect");
        }

        HttpResponse<String> throttled = change(token, PASSWORD, NEW_PASSWORD);

        assertProblem(throttled, 429, "too-many-password-attempts");
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void a_change_needs_a_login() {
        assertThat(api.post("/api/auth/password", Map.of("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD))
                .statusCode()).isEqualTo(401);
    }

    @Test
    void an_unknown_reset_token_is_refused_and_a_refused_new_password_is_checked_first() {
        assertProblem(api.post("/api/auth/password-reset/confirm", Map.of("token", "made-up", "newPassword", NEW_PASSWORD)),
                400, "password-reset-token-invalid");
        assertProblem(api.post("/api/auth/password-reset/confirm", Map.of("token", "made-up", "newPassword", "short")),
                400, "password-too-short");
    }

    @Test
    void a_reset_token_works_once_only_while_it_is_the_accounts_latest_and_not_after_its_lifetime() {
        Instant start = Instant.parse("2030-01-07T12:00:00Z");
        MovableClock clock = new MovableClock(start);
        PasswordResetTokens tokens = new PasswordResetTokens(redis, new PasswordResetProperties(Duration.ofMinutes(30)), clock);
        UUID account = UUID.randomUUID();

        String first = tokens.issue(account);
        assertThat(tokens.consume(first)).contains(account);
        assertThat(tokens.consume(first)).as("used").isEmpty();

        String superseded = tokens.issue(account);
        String latest = tokens.issue(account);
        assertThat(tokens.consume(superseded)).as("superseded").isEmpty();
        assertThat(tokens.consume(latest)).contains(account);

        String expiring = tokens.issue(account);
        clock.moveTo(start.plus(Duration.ofMinutes(30)));
        assertThat(tokens.consume(expiring)).as("expired").isEmpty();

        String inTime = tokens.issue(account);
        clock.moveTo(clock.instant().plus(Duration.ofMinutes(30)).minusMillis(1));
        assertThat(tokens.consume("x" + inTime)).as("wrong").isEmpty();
        assertThat(tokens.consume(inTime)).as("a wrong guess does not spend the real token").contains(account);
        assertThat(redis.keys("auth:reset:*")).as("nothing left behind, and no token in clear").isEmpty();
    }

    private JsonNode login(String email, String password) {
        HttpResponse<String> response = api.post("/api/auth/patient/login", Map.of("login", email, "password", password));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Api.body(response);
    }

    private HttpResponse<String> change(String accessToken, String current, String next) {
        return api.post("/api/auth/password", Map.of("currentPassword", current, "newPassword", next),
                "Authorization", bearer(accessToken));
    }

    private HttpResponse<String> refresh(String refreshToken) {
        return api.post("/api/auth/refresh", Map.of("refreshToken", refreshToken));
    }

    private HttpResponse<String> me(String accessToken) {
        return api.get("/api/probe/me", "Authorization", bearer(accessToken));
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(Api.body(response).get("code").asText()).isEqualTo(code);
    }
}
