package br.com.healthmed.command.web;

import br.com.healthmed.platform.web.ProblemCatalogue;
import br.com.healthmed.command.shared.DomainRejection;
import br.com.healthmed.command.support.Api;
import br.com.healthmed.command.support.IntegrationTest;
import br.com.healthmed.testing.ContractCompatibility;
import br.com.healthmed.testing.OpenApiLint;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command API's contract (ADR 0017): the spec lints clean on the committed ruleset, keeps every promise of the
 * committed spec unless a removal is declared, documents every rejection the domain has, and is written to
 * docs/openapi/ so reviewers see each change in the diff.
 * <p>
 * The document describes a deployment that sends e-mail, where the notification dead-letter endpoints exist: they are
 * only registered when an SMTP host is set. Nothing here causes a mail, so none is sent to that host.
 */
@IntegrationTest
@TestPropertySource(properties = "spring.mail.host=127.0.0.1")
class ApiContractIT {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String SIDE = "command-side";

    @LocalServerPort
    int port;

    @Test
    void the_spec_lints_clean_keeps_every_v1_promise_and_is_written_to_docs() throws IOException {
        HttpResponse<String> response = new Api(port).get("/v3/api-docs");
        assertThat(response.statusCode()).isEqualTo(200);
        Path docs = docs();
        assertThat(OpenApiLint.findings(response.body(), docs.resolve("lint-rules.txt"))).isEmpty();

        JsonNode current = JSON.readTree(response.body());
        Path committed = docs.resolve(SIDE + ".json");
        if (Files.exists(committed)) {
            assertThat(ContractCompatibility.undeclaredRemovals(SIDE, JSON.readTree(committed.toFile()), current,
                    docs.resolve("breaking-changes.txt")))
                    .as("removed from the v1 API without a line in docs/openapi/breaking-changes.txt").isEmpty();
        }
        Files.writeString(committed, JSON.writeValueAsString(current) + "\n");
    }

    @Test
    void every_rejection_of_the_domain_is_documented_on_some_operation() throws IOException {
        JsonNode spec = JSON.readTree(new Api(port).get("/v3/api-docs").body());
        Set<String> documented = new HashSet<>();
        spec.path("paths").forEach(path -> path.forEach(operation -> operation.path("responses").forEach(answer ->
                answer.path("x-problem-codes").forEach(code -> documented.add(code.asText())))));

        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(DomainRejection.class));
        Set<String> undocumented = new TreeSet<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("br.com.healthmed.command")) {
            Class<? extends Throwable> type = loadRejection(candidate.getBeanClassName());
            for (Throwable sample : ProblemCatalogue.samples(type)) {
                String code = ((DomainRejection) sample).code();
                if (!documented.contains(code)) {
                    undocumented.add(type.getSimpleName() + " (" + code + ")");
                }
            }
        }
        assertThat(undocumented).as("rejections no operation declares with @Rejects").isEmpty();
        assertThat(documented).contains("slot-unavailable", "idempotency-key-reused", "resource-busy",
                "command-outcome-unknown", "too-many-login-attempts", "forbidden", "unauthenticated");
    }

    @Test
    void public_operations_say_so_and_the_others_require_a_bearer_token() throws IOException {
        JsonNode spec = JSON.readTree(new Api(port).get("/v3/api-docs").body());
        assertThat(spec.at("/paths/~1api~1patients/post/security").isEmpty()).isTrue();
        assertThat(spec.at("/paths/~1api~1auth~1patient~1login/post/security").isEmpty()).isTrue();
        assertThat(spec.at("/paths/~1api~1appointments/post/security/0/bearer").isArray()).isTrue();
        assertThat(spec.at("/paths/~1api~1appointments/post/responses/403/x-problem-codes/0").asText()).isEqualTo("forbidden");
        assertThat(spec.at("/paths/~1api~1appointments/post/responses/503/headers/Retry-After").isMissingNode()).isFalse();
        assertThat(spec.at("/paths/~1api~1appointments/post/responses/201/headers/X-Consistency-Token").isMissingNode()).isFalse();
        assertThat(spec.at("/paths/~1api~1admin~1doctors~1{doctorId}~1verification/post/responses/404/x-problem-codes").toString())
                .contains("doctor-not-found");
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Throwable> loadRejection(String name) {
        try {
            return (Class<? extends Throwable>) Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The repository's docs/openapi, from the module directory Maven runs the test in. */
    static Path docs() throws IOException {
        Path docs = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent().resolve("docs").resolve("openapi");
        Files.createDirectories(docs);
        return docs;
    }
}
