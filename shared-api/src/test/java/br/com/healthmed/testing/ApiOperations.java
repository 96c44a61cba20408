package br.com.healthmed.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The operations a running application documents in its own {@code /v3/api-docs}: the list an attack matrix must cover.
 * Read from the live server rather than a list in the test, so an endpoint added later is in the list at once and a
 * matrix that does not say how to attack it fails.
 */
public final class ApiOperations {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    private ApiOperations() {
    }

    /** One documented operation, as an attacker reads it. */
    public record Operation(String method, String path, String operationId, boolean secured, boolean takesBody,
                            List<String> pathParameters, List<String> queryParameters, List<String> headerParameters,
                            JsonNode responses) {

        /** {@code "POST /api/appointments/{appointmentId}/accept"}: how a matrix names it. */
        public String key() {
            return method + " " + path;
        }

        /** The path with each variable replaced by {@code value}. */
        public String pathWith(String value) {
            return path.replaceAll("\\{[^}]+}", java.util.regex.Matcher.quoteReplacement(value));
        }

        /** The path with the named variables filled; {@code values} must name every variable. */
        public String pathWith(Map<String, String> values) {
            String filled = path;
            for (String name : pathParameters) {
                String value = values.get(name);
                if (value == null) {
                    throw new IllegalArgumentException(key() + ": no value for {" + name + "}");
                }
                filled = filled.replace("{" + name + "}", value);
            }
            return filled;
        }

        /** The problem codes documented for {@code status} (the {@code x-problem-codes} of ADR 0017). */
        public Set<String> documentedCodes(int status) {
            Set<String> codes = new TreeSet<>();
            responses.path(Integer.toString(status)).path("x-problem-codes").forEach(code -> codes.add(code.asText()));
            return codes;
        }

        @Override
        public String toString() {
            return key();
        }
    }

    /** Reads {@code baseUrl + "/v3/api-docs"}. */
    public static List<Operation> of(String baseUrl) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl + "/v3/api-docs"))
                    .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("/v3/api-docs answered " + response.statusCode() + ": " + response.body());
            }
            return of(JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static List<Operation> of(JsonNode spec) {
        List<Operation> operations = new ArrayList<>();
        boolean securedByDefault = spec.path("security").size() > 0;
        spec.path("paths").properties().forEach(path -> path.getValue().properties().forEach(entry -> {
            if (!METHODS.contains(entry.getKey())) {
                return;
            }
            JsonNode operation = entry.getValue();
            List<String> inPath = new ArrayList<>();
            List<String> inQuery = new ArrayList<>();
            List<String> inHeader = new ArrayList<>();
            for (JsonNode parameter : operation.path("parameters")) {
                JsonNode resolved = resolve(spec, parameter);
                String name = resolved.path("name").asText();
                switch (resolved.path("in").asText()) {
                    case "path" -> inPath.add(name);
                    case "query" -> inQuery.add(name);
                    case "header" -> inHeader.add(name);
                    default -> {
                    }
                }
            }
            JsonNode security = operation.get("security");
            boolean secured = security == null ? securedByDefault : security.size() > 0;
            operations.add(new Operation(entry.getKey().toUpperCase(Locale.ROOT), path.getKey(),
                    operation.path("operationId").asText(), secured, operation.has("requestBody"),
                    List.copyOf(inPath), List.copyOf(inQuery), List.copyOf(inHeader), operation.path("responses")));
        }));
        return List.copyOf(operations);
    }

    /**
     * Fails when the matrix says nothing about a documented operation (a new endpoint nobody attacked yet) or names one
     * that no longer exists (a stale row that tests nothing).
     */
    public static void assertCovered(Collection<Operation> operations, Collection<String> matrixKeys) {
        Set<String> documented = new TreeSet<>();
        operations.forEach(operation -> documented.add(operation.key()));
        Set<String> uncovered = new TreeSet<>(documented);
        uncovered.removeAll(matrixKeys);
        Set<String> stale = new TreeSet<>(matrixKeys);
        stale.removeAll(documented);
        if (!uncovered.isEmpty() || !stale.isEmpty()) {
            throw new AssertionError("The attack matrix and /v3/api-docs disagree."
                    + (uncovered.isEmpty() ? "" : "\n  Documented but not in the matrix (say who may call it, whose object it"
                    + " touches and a sample body): " + uncovered)
                    + (stale.isEmpty() ? "" : "\n  In the matrix but not documented: " + stale));
        }
    }

    private static JsonNode resolve(JsonNode spec, JsonNode parameter) {
        String reference = parameter.path("$ref").asText("");
        if (reference.isEmpty()) {
            return parameter;
        }
        JsonNode target = spec;
        for (String segment : reference.substring(2).split("/")) {
            target = target.path(segment);
        }
        return target;
    }
}
