package br.com.healthmed.query.web;

import br.com.healthmed.query.support.IntegrationTest;
import br.com.healthmed.testing.ContractCompatibility;
import br.com.healthmed.testing.OpenApiLint;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query API's contract (ADR 0017): the spec lints clean on the committed ruleset, keeps every promise of the
 * committed spec unless a removal is declared, and is written to docs/openapi/ so reviewers see each change.
 */
@IntegrationTest
class ApiContractIT {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String SIDE = "query-side";

    @Autowired
    TestRestTemplate http;

    @Test
    void the_spec_lints_clean_keeps_every_v1_promise_and_is_written_to_docs() throws IOException {
        ResponseEntity<String> response = http.getForEntity("/v3/api-docs", String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
        Path docs = docs();
        assertThat(OpenApiLint.findings(response.getBody(), docs.resolve("lint-rules.txt"))).isEmpty();

        JsonNode current = JSON.readTree(response.getBody());
        Path committed = docs.resolve(SIDE + ".json");
        if (Files.exists(committed)) {
            assertThat(ContractCompatibility.undeclaredRemovals(SIDE, JSON.readTree(committed.toFile()), current,
                    docs.resolve("breaking-changes.txt")))
                    .as("removed from the v1 API without a line in docs/openapi/breaking-changes.txt").isEmpty();
        }
        Files.writeString(committed, JSON.writeValueAsString(current) + "\n");
    }

    @Test
    void reads_document_read_your_writes_and_who_may_call_them() throws IOException {
        JsonNode spec = JSON.readTree(http.getForEntity("/v3/api-docs", String.class).getBody());
        JsonNode search = spec.at("/paths/~1api~1doctors/get");
        assertThat(search.path("tags").get(0).asText()).isEqualTo("Doctors");
        assertThat(search.path("security").isEmpty()).isTrue();
        assertThat(search.path("parameters").toString()).contains("#/components/parameters/X-Consistency-Token");
        assertThat(search.at("/responses/503/x-problem-codes").toString())
                .contains("\"projections-behind\"", "\"consistency-wait-busy\"", "\"store-unavailable\"");
        assertThat(search.at("/responses/503/headers/Retry-After").isMissingNode()).isFalse();
        JsonNode history = spec.at("/paths/~1api~1audit~1appointments~1{appointmentId}~1history/get");
        assertThat(history.at("/security/0/bearer").isArray()).isTrue();
        assertThat(history.at("/responses/403/x-problem-codes/0").asText()).isEqualTo("forbidden");
        assertThat(history.at("/responses/404/x-problem-codes/0").asText()).isEqualTo("not-found");
    }

    private static Path docs() throws IOException {
        Path docs = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent().resolve("docs").resolve("openapi");
        Files.createDirectories(docs);
        return docs;
    }
}
