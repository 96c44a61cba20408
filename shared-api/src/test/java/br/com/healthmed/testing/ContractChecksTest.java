package br.com.healthmed.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The checks of ADR 0017 themselves: each must catch what it is there for. */
class ContractChecksTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String V1 = """
            {"openapi":"3.1.0","info":{"title":"t","version":"v1"},
             "paths":{"/api/appointments/{id}/accept":{"post":{"responses":{
                 "404":{"x-problem-codes":["appointment-not-found"]},"400":{"x-problem-codes":["parameter-invalid"]}}}},
               "/api/appointments/me":{"get":{"responses":{}}}},
             "components":{"schemas":{"Outcome":{"properties":{
                 "status":{"type":"string","enum":["REQUESTED","ACCEPTED"]},"price":{"type":"number"}}}}}}""";

    @Test
    void a_removed_operation_field_or_enum_value_is_a_breaking_change_unless_declared(@TempDir Path dir) throws IOException {
        JsonNode before = JSON.readTree(V1);
        JsonNode after = JSON.readTree(V1.replace("\"ACCEPTED\"", "\"OTHER\"").replace("\"price\"", "\"cost\"")
                .replace("\"/api/appointments/me\"", "\"/api/appointments/mine\""));
        assertThat(ContractCompatibility.removals(before, after)).containsExactlyInAnyOrder(
                "operation GET /api/appointments/me", "field Outcome.price", "enum Outcome.status=ACCEPTED");

        Path declared = dir.resolve("breaking-changes.txt");
        Files.writeString(declared, "# comment\nquery-side: field Outcome.price\ncommand-side: enum Outcome.status=ACCEPTED\n");
        assertThat(ContractCompatibility.undeclaredRemovals("query-side", before, after, declared)).containsExactlyInAnyOrder(
                "query-side: operation GET /api/appointments/me", "query-side: enum Outcome.status=ACCEPTED");
        assertThat(ContractCompatibility.removals(before, before)).isEmpty();
    }

    @Test
    void a_problem_code_the_operation_does_not_list_is_undocumented() throws IOException {
        JsonNode spec = JSON.readTree(V1);
        String accept = "/api/appointments/" + java.util.UUID.randomUUID() + "/accept";
        assertThat(DocumentedProblems.undocumented(spec, answer("POST", accept, 404, "appointment-not-found", false))).isEmpty();
        assertThat(DocumentedProblems.undocumented(spec, answer("POST", accept, 409, "appointment-not-pending", false)))
                .contains("POST " + accept + " answered 409 appointment-not-pending");
        assertThat(DocumentedProblems.undocumented(spec, answer("POST", accept, 404, "slot-not-found", false))).isPresent();
        // a 400 naming one field carries that field's code; a 400 on an operation without any 400 does not pass
        assertThat(DocumentedProblems.undocumented(spec, answer("POST", accept, 400, "id-invalid", true))).isEmpty();
        assertThat(DocumentedProblems.undocumented(spec, answer("GET", "/api/appointments/me", 400, "id-invalid", true))).isPresent();
        // what no operation of the spec serves (unknown path or method) is Spring's own answer, not an operation's
        assertThat(DocumentedProblems.undocumented(spec, answer("GET", "/nowhere", 404, "not-found", false))).isEmpty();
        assertThat(DocumentedProblems.undocumented(spec, answer("DELETE", accept, 405, "method-not-allowed", false))).isEmpty();
    }

    @Test
    void the_lint_reports_what_a_client_generator_would_miss() {
        String bare = """
                {"openapi":"3.1.0","info":{"title":"t","version":"v1"},
                 "paths":{"/api/x/{id}":{"get":{"responses":{"200":{"description":"ok"},
                     "404":{"description":"missing","content":{"application/json":{}}}}}}}}""";
        assertThat(OpenApiLint.findings(bare, Set.copyOf(OpenApiLint.RULES.keySet()))).contains(
                "operation-summary: GET /api/x/{id} has no summary",
                "operation-security-explicit: GET /api/x/{id} does not state its security",
                "problem-responses: GET /api/x/{id} 404 lists no x-problem-codes",
                "path-params: GET /api/x/{id} does not declare path parameter id",
                "api-servers: no servers",
                "info-contact: info.contact is missing");
        assertThat(OpenApiLint.findings(bare, Set.of())).isEmpty();
    }

    private static DocumentedProblems.Answer answer(String method, String path, int status, String code, boolean field) {
        return new DocumentedProblems.Answer(0, method, path, status, code, field);
    }
}
