package br.com.healthmed.query.flow;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the CI smoke stage prints and leaves behind when it runs the API examples against staging (issue 9 item 10):
 * no token or password in its output, no account with a password from the repository, and its accounts retired even
 * after a failure.
 */
class ApiExamplesTest {

    private static final Pattern PASSWORD_IN_BODY =
            Pattern.compile("\"(?:password|currentPassword|newPassword)\"\\s*:\\s*\"([^\"]*)\"");

    @Test
    void tokens_and_passwords_never_reach_the_transcript() {
        String jwt = "eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiIxMjMifQ.c2lnbmF0dXJl";
        String answer = "{\"accessToken\": \"" + jwt + "\", \"refreshToken\": \"7QuZsta_x-1\", \"tokenType\": \"Bearer\","
                + " \"expiresIn\": 900, \"recoveryCodes\": [\"a1\", \"b2\"], \"secret\": \"JBSWY3DP\"}"
                + " Authorization: Bearer opaque.value-1 {\"password\":\"hunter2\"} echoed " + jwt;

        String redacted = ApiExamples.redact(answer);

        assertThat(redacted).doesNotContain(jwt, "7QuZsta_x-1", "opaque.value-1", "hunter2", "a1", "JBSWY3DP")
                .contains("\"tokenType\": \"Bearer\"", "\"expiresIn\": 900", "[redacted]");
    }

    @Test
    void every_account_the_examples_create_gets_a_password_made_for_this_run() throws IOException {
        ApiExamples.HttpFile file = ApiExamples.HttpFile.parse(Files.readString(ApiExamples.FILE));

        Map<String, String> first = ApiExamples.throwAwayPasswords(file);
        Map<String, String> second = ApiExamples.throwAwayPasswords(file);

        assertThat(first.keySet()).contains("doctorPassword", "patientPassword", "auditorPassword", "auditorNewPassword")
                .doesNotContain("adminPassword");
        first.forEach((variable, password) -> {
            assertThat(password).as(variable).isNotEqualTo(file.variables().get(variable)).hasSizeGreaterThan(20);
            assertThat(second.get(variable)).as(variable + " differs per run").isNotEqualTo(password);
        });
    }

    @Test
    void no_request_that_succeeds_carries_a_password_written_in_the_file() throws IOException {
        ApiExamples.HttpFile file = ApiExamples.HttpFile.parse(Files.readString(ApiExamples.FILE));
        for (ApiExamples.Example example : file.requests()) {
            Matcher password = PASSWORD_IN_BODY.matcher(example.body());
            while (password.find()) {
                if (example.expectedStatus() < 400) {
                    assertThat(password.group(1)).as("%s: a password of an account that would work", example.label())
                            .matches("\\{\\{[A-Za-z]+Password}}|\\{\\{adminPassword}}");
                }
            }
        }
    }

    @Test
    void the_examples_end_by_retiring_every_account_they_created_and_logging_the_admin_out() throws IOException {
        List<String> cleanups = ApiExamples.HttpFile.parse(Files.readString(ApiExamples.FILE)).requests().stream()
                .filter(ApiExamples.Example::cleanup).map(ApiExamples.Example::label).toList();

        assertThat(cleanups).containsExactly("deactivateAuditor", "retireRealHolder", "retireDoctor", "mariaErasure", "joaoErasure",
                "adminLogout");
    }

    @Test
    void after_a_failed_request_the_cleanup_requests_still_go_out(@TempDir Path directory) throws IOException {
        List<String> received = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            byte[] body = exchange.getRequestURI().getPath().equals("/login")
                    ? "{\"accessToken\": \"eyJa.eyJb.c\"}".getBytes(StandardCharsets.UTF_8) : new byte[0];
            int status = switch (exchange.getRequestURI().getPath()) {
                case "/login" -> 200;
                case "/fails" -> 500;
                default -> 204;
            };
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        try {
            Path file = directory.resolve("examples.http");
            Files.writeString(file, """
                    @base = http://127.0.0.1:%d
                    ### log in
                    # @name login
                    POST {{base}}/login

                    ###
                    # expect 200

                    ### something fails
                    POST {{base}}/fails

                    ###
                    # expect 201

                    ### never sent after the failure
                    POST {{base}}/skipped

                    ###
                    # expect 204

                    ### retire the account
                    # @cleanup
                    POST {{base}}/retire
                    Authorization: Bearer {{login.response.body.accessToken}}

                    ###
                    # expect 204
                    """.formatted(server.getAddress().getPort()));
            StringBuilder transcript = new StringBuilder();

            assertThatThrownBy(() -> ApiExamples.run(file, Map.of(), ApiExamplesIT::noMail, transcript)).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("expected 201, got 500");

            assertThat(received).containsExactly("POST /login", "POST /fails", "POST /retire");
            assertThat(transcript.toString()).contains("/retire").doesNotContain("eyJa.eyJb.c");
        } finally {
            server.stop(0);
        }
    }
}
