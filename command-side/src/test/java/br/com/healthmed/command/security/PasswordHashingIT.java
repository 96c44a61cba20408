package br.com.healthmed.command.security;

import br.com.healthmed.api.common.Email;
import br.com.healthmed.api.common.Role;
import br.com.healthmed.command.account.AccountRegistry;
import br.com.healthmed.command.account.LoginIdentifier;
import br.com.healthmed.command.support.Api;
import br.com.healthmed.command.support.IntegrationTest;
import br.com.healthmed.command.support.TestAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9, item 3: only the carrier threads bounded concurrent Argon2 hashing, by accident. With one permit and no
 * wait, a burst of logins (each verifying one hash) must find it taken: those answer 503 password-hashing-busy with
 * Retry-After at once; the rest log in; none is a 500.
 */
@IntegrationTest
@TestPropertySource(properties = {
        "healthmed.security.password-hashing.max-concurrent=1",
        "healthmed.security.password-hashing.max-wait=PT0S"})
class PasswordHashingIT {

    private static final String PASSWORD = "correct horse battery";

    @LocalServerPort
    int port;

    @Autowired
    AccountRegistry registry;

    @Autowired
    PasswordEncoder passwordEncoder;

    @Autowired
    TransactionTemplate transaction;

    @Test
    void a_burst_beyond_the_bound_is_answered_503_with_retry_after_and_the_rest_log_in() throws Exception {
        // One account and one address per login, so that no login throttle has a say.
        TestAccounts accounts = new TestAccounts(registry, passwordEncoder, transaction);
        List<String> emails = IntStream.range(0, 24).mapToObj(i -> TestAccounts.email()).toList();
        emails.forEach(email -> accounts.create(Role.PATIENT, PASSWORD, LoginIdentifier.patientEmail(new Email(email))));
        Api api = new Api(port);
        List<Callable<HttpResponse<String>>> logins = IntStream.range(0, emails.size())
                .<Callable<HttpResponse<String>>>mapToObj(i -> () -> api.post("/api/auth/patient/login",
                        Map.of("login", emails.get(i), "password", PASSWORD), "X-Forwarded-For", "198.51.100." + (i + 1)))
                .toList();

        List<HttpResponse<String>> answers;
        try (ExecutorService pool = Executors.newFixedThreadPool(24)) {
            answers = pool.invokeAll(logins).stream().map(PasswordHashingIT::get).toList();
        }

        // A loaded build machine may also answer store-unavailable (503) here; a 500 or a wait is never right.
        assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(200, 503).contains(200);
        List<HttpResponse<String>> busy = answers.stream()
                .filter(answer -> "password-hashing-busy".equals(Api.body(answer).path("code").asText()))
                .toList();
        assertThat(busy).as("logins refused because the one permit was taken").isNotEmpty().allSatisfy(refused -> {
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).contains("1");
        });
    }

    private static HttpResponse<String> get(Future<HttpResponse<String>> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
