package br.com.healthmed.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Pattern;

/**
 * The drift check of ADR 0017: every problem document an integration test provokes must be documented, under its
 * status, in the {@code x-problem-codes} of the operation that answered it in the server's own {@code /v3/api-docs}.
 * Each application's test filter records the answers; this extension checks them after each test class, so a handler
 * that starts refusing with a new code fails the first test that sees it.
 */
public final class DocumentedProblems implements AfterAllCallback {

    /** One problem answer as the client saw it. */
    public record Answer(int port, String method, String path, int status, String code, boolean singleFieldCode) {
    }

    private static final Queue<Answer> ANSWERS = new ConcurrentLinkedQueue<>();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void record(Answer answer) {
        ANSWERS.add(answer);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        List<Answer> answers = new ArrayList<>();
        for (Answer answer = ANSWERS.poll(); answer != null; answer = ANSWERS.poll()) {
            answers.add(answer);
        }
        Map<Integer, JsonNode> specs = new HashMap<>();
        List<String> undocumented = new ArrayList<>();
        for (Answer answer : answers) {
            JsonNode spec = specs.computeIfAbsent(answer.port(), DocumentedProblems::specOf);
            undocumented(spec, answer).ifPresent(undocumented::add);
        }
        if (!undocumented.isEmpty()) {
            throw new AssertionError("Problem answers the OpenAPI document does not list (declare the exception type "
                    + "with @Rejects on the handler, ADR 0017):\n  " + String.join("\n  ", new TreeSet<>(undocumented)));
        }
    }

    /** Empty when {@code answer} is documented, or concerns no operation of the spec (unknown path or method). */
    public static Optional<String> undocumented(JsonNode spec, Answer answer) {
        Optional<JsonNode> operation = operationOf(spec, answer.method(), answer.path());
        if (operation.isEmpty()) {
            return Optional.empty();
        }
        JsonNode codes = operation.get().path("responses").path(Integer.toString(answer.status())).path("x-problem-codes");
        for (JsonNode code : codes) {
            if (code.asText().equals(answer.code())) {
                return Optional.empty();
            }
        }
        // A 400 naming one field carries that field's own code (cpf-invalid…), listed in errors[], not per operation.
        if (answer.status() == 400 && answer.singleFieldCode() && !codes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(answer.method() + " " + answer.path() + " answered " + answer.status() + " " + answer.code());
    }

    /** The operation whose path template matches, preferring literal segments over variables. */
    public static Optional<JsonNode> operationOf(JsonNode spec, String method, String path) {
        List<Map.Entry<String, JsonNode>> matching = new ArrayList<>();
        spec.path("paths").properties().forEach(entry -> {
            String template = entry.getKey();
            String regex = Pattern.quote(template).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
            if (path.matches(regex)) {
                matching.add(entry);
            }
        });
        return matching.stream()
                .min(Comparator.comparingLong(entry -> entry.getKey().chars().filter(c -> c == '{').count()))
                .map(entry -> entry.getValue().path(method.toLowerCase(java.util.Locale.ROOT)))
                .filter(node -> !node.isMissingNode());
    }

    private static JsonNode specOf(int port) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v3/api-docs"))
                    .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("/v3/api-docs answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("cannot read /v3/api-docs on port " + port, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
