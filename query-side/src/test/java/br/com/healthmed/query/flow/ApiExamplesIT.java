package br.com.healthmed.query.flow;

import br.com.healthmed.testing.SharedInfrastructure;
import br.com.healthmed.query.support.BothSidesInitializer;
import br.com.healthmed.testing.TotpCodes;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs {@code docs/api-examples.http} request by request against the real command side (its packaged jar) and this
 * query side, and checks each answer's status against the {@code # expect} line under it, so the examples cannot rot.
 * Only the subset of the REST Client syntax the file uses is understood; its header lists that subset.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = BothSidesInitializer.class)
class ApiExamplesIT {

    private static final Path EXAMPLES = ApiExamples.FILE;
    private static final Path TRANSCRIPT = Path.of("target/api-examples-run.txt");
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int queryPort;

    @Test
    void every_request_in_the_api_examples_answers_the_status_written_under_it() throws IOException {
        ApiExamples.HttpFile file = ApiExamples.HttpFile.parse(Files.readString(EXAMPLES));
        assertThat(file.requests()).as("requests in %s", EXAMPLES).hasSizeGreaterThan(10);

        // What differs between a reader's machine and this test: where the two sides listen and who the admin is.
        StringBuilder transcript = new StringBuilder();
        try {
            ApiExamples.run(EXAMPLES, Map.of(
                    "commandUrl", BothSidesInitializer.commandSideUrl(),
                    "queryUrl", "http://localhost:" + queryPort,
                    "adminEmail", BothSidesInitializer.ADMIN_EMAIL,
                    "adminPassword", BothSidesInitializer.ADMIN_PASSWORD,
                    "adminTotpSecret", BothSidesInitializer.ADMIN_TOTP_SECRET),
                    email -> SharedInfrastructure.mailbox().confirmationToken(email), transcript);
        } finally {
            Files.writeString(TRANSCRIPT, transcript, StandardCharsets.UTF_8);
        }
    }

    @Test
    void commands_go_to_the_command_side_and_reads_to_the_query_side() throws IOException {
        for (ApiExamples.Example example : ApiExamples.HttpFile.parse(Files.readString(EXAMPLES)).requests()) {
            String expectedBase = "GET".equals(example.method()) ? "{{queryUrl}}" : "{{commandUrl}}";
            assertThat(example.url()).as("%s %s", example.label(), example.url()).startsWith(expectedBase);
        }
    }

    @Test
    void the_parser_reads_names_headers_bodies_and_the_expectation_below_a_request() {
        ApiExamples.HttpFile file = ApiExamples.HttpFile.parse("""
                @base = http://example.test
                ### Log in
                # @name login
                POST {{base}}/login HTTP/1.1
                Content-Type: application/json

                {"user": "a"}

                ###
                # expect 200
                # {"accessToken": "…"}
                """);
        assertThat(file.variables()).containsEntry("base", "http://example.test");
        ApiExamples.Example login = file.requests().getFirst();
        assertThat(login.name()).isEqualTo("login");
        assertThat(login.method()).isEqualTo("POST");
        assertThat(login.url()).isEqualTo("{{base}}/login");
        assertThat(login.headers()).containsEntry("Content-Type", "application/json");
        assertThat(login.body()).isEqualTo("{\"user\": \"a\"}");
        assertThat(login.expectedStatus()).isEqualTo(200);
    }

    @Test
    void references_read_dotted_and_indexed_paths_headers_and_request_bodies() throws IOException {
        ApiExamples.Runner runner = new ApiExamples.Runner(Map.of("who", "{{$uuid}}"), ApiExamplesIT::noMail);
        runner.remember("publish", Map.of("X-Consistency-Token", "42"), "{\"crm\":\"123\"}",
                Map.of("x-consistency-token", List.of("57")), JSON.readTree("{\"slotIds\":[\"a\",\"b\"],\"n\":{\"m\":1}}"));
        assertThat(runner.resolve("{{publish.response.body.slotIds[1]}}")).isEqualTo("b");
        assertThat(runner.resolve("{{publish.response.body.$.n.m}}")).isEqualTo("1");
        assertThat(runner.resolve("{{publish.response.headers.X-Consistency-Token}}")).isEqualTo("57");
        assertThat(runner.resolve("{{publish.request.body.$.crm}}")).isEqualTo("123");
        assertThat(runner.resolve("{{publish.request.headers.X-Consistency-Token}}")).isEqualTo("42");
        assertThat(runner.resolve("{{who}}")).hasSize(36);
        assertThat(runner.resolve("{{$randomCpf}}")).matches("\\d{11}");
        assertThat(runner.resolve("{{$randomInt 10 12}}")).isIn("10", "11");
        assertThat(runner.resolve("{{$datetime \"YYYY-MM-DD\" 3 d}}"))
                .isEqualTo(ZonedDateTime.now(ZoneOffset.UTC).plusDays(3).toLocalDate().toString());
    }

    @Test
    void totp_codes_come_from_a_variable_or_a_reference_and_never_twice_for_one_step() throws IOException {
        String secret = TotpCodes.newSecret();
        ApiExamples.Runner runner = new ApiExamples.Runner(Map.of("secret", secret), ApiExamplesIT::noMail);
        runner.remember("enrolment", Map.of(), "", Map.of(), JSON.readTree("{\"secret\":\"" + secret + "\"}"));
        long step = TotpCodes.currentStep(Clock.systemUTC());

        String first = runner.resolve("{{$totp secret}}");
        String second = runner.resolve("{{$totp enrolment.response.body.secret}}");

        List<String> acceptable = List.of(TotpCodes.code(secret, step), TotpCodes.code(secret, step + 1),
                TotpCodes.code(secret, step + 2));
        assertThat(List.of(first, second)).allSatisfy(code -> assertThat(code).matches("\\d{6}").isIn(acceptable))
                .doesNotHaveDuplicates();
    }

    /** A runner case that sends no registration: asking for a confirmation token is a mistake in the test. */
    static String noMail(String email) {
        throw new AssertionError("this case expects no confirmation mail, asked for " + email);
    }
}
