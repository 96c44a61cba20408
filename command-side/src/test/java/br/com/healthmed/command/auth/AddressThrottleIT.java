package br.com.healthmed.command.auth;

import br.com.healthmed.api.common.Email;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.command.account.LoginIdentifier;
import br.com.healthmed.command.support.IntegrationTest;
import br.com.healthmed.command.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.net.http.HttpResponse;
import java.util.Map;

import static br.com.healthmed.command.auth.LoginIT.assertInvalidCredentials;
import static br.com.healthmed.command.auth.LoginThrottleIT.assertTooManyAttempts;
import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
@TestPropertySource(properties = "healthmed.security.login-throttle.max-failures-per-address=3")
class AddressThrottleIT extends AuthenticationTest {

    @Test
    void failures_across_many_login_names_lock_the_client_address() {
        for (int i = 0; i < 3; i++) {
            assertInvalidCredentials(login(TestAccounts.email(), "guess", null));
        }

        assertTooManyAttempts(login(patient(), PASSWORD, null));
    }

    @Test
    void successful_logins_do_not_count_against_the_address() {
        String email = patient();
        for (int i = 0; i < 2; i++) {
            assertInvalidCredentials(login(TestAccounts.email(), "guess", null));
        }
        for (int i = 0; i < 5; i++) {
            assertThat(login(email, PASSWORD, null).statusCode()).isEqualTo(200);
        }

        assertInvalidCredentials(login(TestAccounts.email(), "guess", null));
        assertTooManyAttempts(login(email, PASSWORD, null));
    }

    @Test
    void behind_a_trusted_proxy_the_forwarded_client_address_is_the_one_counted() {
        // The test client connects from 127.0.0.1, which Tomcat trusts as an internal proxy by default.
        for (int i = 0; i < 3; i++) {
            assertInvalidCredentials(login(TestAccounts.email(), "guess", "203.0.113.7"));
        }
        assertTooManyAttempts(login(patient(), PASSWORD, "203.0.113.7"));

        assertThat(login(patient(), PASSWORD, "203.0.113.8").statusCode()).isEqualTo(200);
        assertThat(login(patient(), PASSWORD, null).statusCode()).isEqualTo(200);
    }

    private String patient() {
        String email = TestAccounts.email();
        accounts.create(Role.PATIENT, PASSWORD, LoginIdentifier.patientEmail(new Email(email)));
        return email;
    }

    private HttpResponse<String> login(String login, String password, String forwardedFor) {
        Map<String, String> body = Map.of("login", login, "password", password);
        return forwardedFor == null
                ? api.post("/api/auth/patient/login", body)
                : api.post("/api/auth/patient/login", body, "X-Forwarded-For", forwardedFor);
    }
}
