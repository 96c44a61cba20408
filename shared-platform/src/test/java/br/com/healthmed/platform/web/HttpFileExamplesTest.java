package br.com.healthmed.platform.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The spec's examples are the requests of docs/api-examples.http, with the answers recorded under them. */
class HttpFileExamplesTest {

    private static final HttpFileExamples FILE = read();

    private static HttpFileExamples read() {
        try {
            return HttpFileExamples.parse(Files.readString(Path.of("..", "docs", "api-examples.http")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_request_brings_its_body_and_the_answer_recorded_under_it() {
        HttpFileExamples.Example login = FILE.of("POST", "/api/auth/admin/login").getFirst();
        assertThat(login.name()).isEqualTo("adminChallenge");
        assertThat(login.title()).startsWith("The admin logs in");
        assertThat(login.requestBody().path("email").asText()).isEqualTo("admin@healthmed.local");
        assertThat(login.status()).isEqualTo(401);
        assertThat(login.responseBody().path("code").asText()).isEqualTo("mfa-required");
        HttpFileExamples.Example completed = FILE.of("POST", "/api/auth/mfa").getFirst();
        assertThat(completed.name()).isEqualTo("adminLogin");
        assertThat(completed.requestBody().path("code").asText()).as("{{$totp …}} as a sample code").matches("\\d{6}");
        assertThat(completed.status()).isEqualTo(200);
        assertThat(completed.responseBody().path("tokenType").asText()).isEqualTo("Bearer");
    }

    @Test
    void dynamic_values_become_fixed_samples_and_paths_match_their_templates() {
        HttpFileExamples.Example doctor = FILE.of("POST", "/api/doctors").getFirst();
        assertThat(doctor.requestBody().path("crm").asText()).isEqualTo("100000");
        assertThat(doctor.requestBody().path("email").asText()).doesNotContain("{{");
        assertThat(FILE.of("POST", "/api/admin/doctors/{doctorId}/verification")).hasSize(1);
        assertThat(FILE.of("GET", "/api/doctors/{doctorId}")).extracting(HttpFileExamples.Example::status).contains(200);
        assertThat(FILE.of("DELETE", "/api/admin/doctors/{doctorId}/verification")).isEmpty();
        // what an earlier request sent is reused as the file refers to it ({{createAuditor.request.body.$.email}})
        assertThat(FILE.of("POST", "/api/auth/admin/login")).extracting(example -> example.requestBody().path("email").asText())
                .allMatch(email -> email.contains("@"));
    }
}
