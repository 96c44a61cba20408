package br.com.healthmed.command.auth;

import br.com.healthmed.api.common.Email;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.api.doctor.Crm;
import br.com.healthmed.command.account.LoginIdentifier;
import br.com.healthmed.command.support.IntegrationTest;
import br.com.healthmed.command.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.security.crypto.password.PasswordEncoder;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static br.com.healthmed.command.auth.LoginIT.assertInvalidCredentials;
import static br.com.healthmed.command.auth.LoginThrottleIT.assertTooManyAttempts;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whether a login name exists must not show in how long the answer takes: every refused or accepted login costs
 * exactly one Argon2 verification, and a throttled one costs none (it is refused before the password is looked at).
 */
@IntegrationTest
class PasswordVerificationCostIT extends AuthenticationTest {

    /** The same bean as the base's password encoder (it is primary here), typed to read its count. */
    @Autowired
    CountingPasswordEncoder encoder;

    @Test
    void every_login_answer_costs_exactly_one_password_verification() {
        String email = TestAccounts.email();
        accounts.create(Role.PATIENT, PASSWORD, LoginIdentifier.patientEmail(new Email(email)));
        String crm = TestAccounts.crmNumber();
        accounts.create(Role.DOCTOR, PASSWORD, LoginIdentifier.doctorCrm(Crm.of(crm, "MG")));

        assertThat(verificationsFor(() -> patientLogin(email, PASSWORD)).statusCode()).isEqualTo(200);
        assertInvalidCredentials(verificationsFor(() -> patientLogin(email, "wrong password")));
        assertInvalidCredentials(verificationsFor(() -> patientLogin(TestAccounts.email(), PASSWORD)));
        assertInvalidCredentials(verificationsFor(() -> patientLogin("not an e-mail", PASSWORD)));
        assertInvalidCredentials(verificationsFor(() -> patientLogin("123.456.789-00", PASSWORD)));
        assertInvalidCredentials(verificationsFor(() -> api.post("/api/auth/patient/login", "{}")));
        assertInvalidCredentials(verificationsFor(() -> api.post("/api/auth/admin/login", Map.of("email", email, "password", PASSWORD))));
        assertInvalidCredentials(verificationsFor(() -> api.post("/api/auth/doctor/login",
                Map.of("crm", crm, "uf", "XX", "password", PASSWORD))));
        assertThat(verificationsFor(() -> api.post("/api/auth/doctor/login",
                Map.of("crm", crm, "uf", "MG", "password", PASSWORD))).statusCode()).isEqualTo(200);
    }

    @Test
    void a_throttled_login_is_refused_before_any_password_is_verified() {
        String email = TestAccounts.email();
        accounts.create(Role.PATIENT, PASSWORD, LoginIdentifier.patientEmail(new Email(email)));
        for (int i = 0; i < 5; i++) {
            patientLogin(email, "wrong password");
        }
        int before = encoder.verifications.get();

        assertTooManyAttempts(patientLogin(email, PASSWORD));

        assertThat(encoder.verifications.get()).isEqualTo(before);
    }

    private HttpResponse<String> verificationsFor(Supplier<HttpResponse<String>> login) {
        int before = encoder.verifications.get();
        HttpResponse<String> response = login.get();
        assertThat(encoder.verifications.get() - before).as("password verifications for " + response.body()).isEqualTo(1);
        return response;
    }

    private HttpResponse<String> patientLogin(String login, String password) {
        return api.post("/api/auth/patient/login", Map.of("login", login, "password", password));
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class Counting {

        @Bean
        @Primary
        CountingPasswordEncoder countingPasswordEncoder(@Qualifier("passwordEncoder") PasswordEncoder argon2) {
            return new CountingPasswordEncoder(argon2);
        }
    }

    /** The real Argon2 encoder, counting its verifications. */
    static final class CountingPasswordEncoder implements PasswordEncoder {

        final AtomicInteger verifications = new AtomicInteger();
        private final PasswordEncoder delegate;

        CountingPasswordEncoder(PasswordEncoder delegate) {
            this.delegate = delegate;
        }

        @Override
        public String encode(CharSequence rawPassword) {
            return delegate.encode(rawPassword);
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            verifications.incrementAndGet();
            return delegate.matches(rawPassword, encodedPassword);
        }
    }
}
