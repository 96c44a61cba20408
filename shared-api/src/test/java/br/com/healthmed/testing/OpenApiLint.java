package br.com.healthmed.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The build's OpenAPI lint (ADR 0017): swagger-parser's validation of the document, plus rules in the spirit of
 * Spectral's OpenAPI ruleset and our own for problem answers. Which rules run is the committed ruleset
 * {@code docs/openapi/lint-rules.txt}; every finding counts, so a clean document has none.
 */
public final class OpenApiLint {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}]+)}");

    private OpenApiLint() {
    }

    /** Every rule this class knows, with what it asks. */
    public static final Map<String, String> RULES = Map.ofEntries(
            Map.entry("parser-valid", "swagger-parser reads the document without a message"),
            Map.entry("info-contact", "info has a contact"),
            Map.entry("info-description", "info has a description"),
            Map.entry("info-license", "info has a license"),
            Map.entry("api-servers", "servers lists at least one absolute URL"),
            Map.entry("tag-description", "every top-level tag has a description"),
            Map.entry("operation-tag-defined", "every operation's tags are declared at the top level"),
            Map.entry("operation-tags", "every operation has exactly one tag"),
            Map.entry("operation-operationId-unique", "every operation has an operationId, unique in the document"),
            Map.entry("operation-summary", "every operation has a summary"),
            Map.entry("operation-description", "every operation has a description"),
            Map.entry("operation-success-response", "every operation has a 2xx response"),
            Map.entry("operation-security-explicit", "every operation states its security (an empty list when public), with known schemes"),
            Map.entry("path-params", "every path variable is declared as a required path parameter"),
            Map.entry("problem-responses", "every 4xx/5xx is application/problem+json of the Problem schema and lists its x-problem-codes"),
            Map.entry("unused-component", "every component schema is referred to"));

    /** The findings of the rules listed in {@code ruleset} (one rule id a line, '#' starts a comment). */
    public static List<String> findings(String document, Path ruleset) {
        Set<String> enabled = new HashSet<>();
        try {
            for (String line : Files.readAllLines(ruleset)) {
                String rule = line.replaceFirst("#.*", "").strip();
                if (!rule.isEmpty()) {
                    if (!RULES.containsKey(rule)) {
                        throw new IllegalArgumentException("unknown lint rule in " + ruleset + ": " + rule);
                    }
                    enabled.add(rule);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return findings(document, enabled);
    }

    public static List<String> findings(String document, Set<String> enabled) {
        List<String> findings = new ArrayList<>();
        BiConsumer<String, String> report = (rule, message) -> {
            if (enabled.contains(rule)) {
                findings.add(rule + ": " + message);
            }
        };
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(document, null, options);
        if (parsed.getMessages() != null) {
            parsed.getMessages().forEach(message -> report.accept("parser-valid", message));
        }
        if (parsed.getOpenAPI() == null) {
            report.accept("parser-valid", "not an OpenAPI document");
            return findings;
        }
        JsonNode spec;
        try {
            spec = JSON.readTree(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode info = spec.path("info");
        if (!info.hasNonNull("contact")) {
            report.accept("info-contact", "info.contact is missing");
        }
        if (info.path("description").asText().isBlank()) {
            report.accept("info-description", "info.description is missing");
        }
        if (!info.hasNonNull("license")) {
            report.accept("info-license", "info.license is missing");
        }
        if (spec.path("servers").isEmpty()) {
            report.accept("api-servers", "no servers");
        }
        spec.path("servers").forEach(server -> {
            if (!server.path("url").asText().matches("https?://.+")) {
                report.accept("api-servers", "server url is not absolute: " + server.path("url").asText());
            }
        });
        Set<String> declaredTags = new HashSet<>();
        spec.path("tags").forEach(tag -> {
            declaredTags.add(tag.path("name").asText());
            if (tag.path("description").asText().isBlank()) {
                report.accept("tag-description", "tag " + tag.path("name").asText() + " has no description");
            }
        });
        Set<String> schemes = new HashSet<>();
        spec.path("components").path("securitySchemes").fieldNames().forEachRemaining(schemes::add);
        Map<String, String> operationIds = new HashMap<>();
        spec.path("paths").properties().forEach(path -> path.getValue().properties().forEach(entry -> {
            if (!METHODS.contains(entry.getKey())) {
                return;
            }
            String where = entry.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey();
            JsonNode operation = entry.getValue();
            JsonNode tags = operation.path("tags");
            if (tags.size() != 1) {
                report.accept("operation-tags", where + " has " + tags.size() + " tags");
            }
            tags.forEach(tag -> {
                if (!declaredTags.contains(tag.asText())) {
                    report.accept("operation-tag-defined", where + " uses undeclared tag " + tag.asText());
                }
            });
            String operationId = operation.path("operationId").asText();
            if (operationId.isBlank()) {
                report.accept("operation-operationId-unique", where + " has no operationId");
            } else if (operationIds.putIfAbsent(operationId, where) != null) {
                report.accept("operation-operationId-unique", where + " repeats operationId " + operationId
                        + " of " + operationIds.get(operationId));
            }
            if (operation.path("summary").asText().isBlank()) {
                report.accept("operation-summary", where + " has no summary");
            }
            if (operation.path("description").asText().isBlank()) {
                report.accept("operation-description", where + " has no description");
            }
            boolean success = false;
            for (var response : (Iterable<Map.Entry<String, JsonNode>>) operation.path("responses").properties()::iterator) {
                String status = response.getKey();
                success |= status.startsWith("2");
                if (status.startsWith("4") || status.startsWith("5")) {
                    JsonNode problem = response.getValue().path("content").path("application/problem+json");
                    if (!problem.path("schema").path("$ref").asText().equals("#/components/schemas/Problem")) {
                        report.accept("problem-responses", where + " " + status + " is not application/problem+json of Problem");
                    }
                    if (response.getValue().path("x-problem-codes").isEmpty()) {
                        report.accept("problem-responses", where + " " + status + " lists no x-problem-codes");
                    }
                }
            }
            if (!success) {
                report.accept("operation-success-response", where + " has no 2xx response");
            }
            if (!operation.has("security")) {
                report.accept("operation-security-explicit", where + " does not state its security");
            }
            operation.path("security").forEach(requirement -> requirement.fieldNames().forEachRemaining(scheme -> {
                if (!schemes.contains(scheme)) {
                    report.accept("operation-security-explicit", where + " names unknown scheme " + scheme);
                }
            }));
            Set<String> pathParameters = new HashSet<>();
            operation.path("parameters").forEach(parameter -> {
                if ("path".equals(parameter.path("in").asText()) && parameter.path("required").asBoolean()) {
                    pathParameters.add(parameter.path("name").asText());
                }
            });
            Matcher variables = PATH_VARIABLE.matcher(path.getKey());
            while (variables.find()) {
                if (!pathParameters.contains(variables.group(1))) {
                    report.accept("path-params", where + " does not declare path parameter " + variables.group(1));
                }
            }
        }));
        String text = document;
        spec.path("components").path("schemas").fieldNames().forEachRemaining(name -> {
            if (!text.contains("\"#/components/schemas/" + name + "\"")) {
                report.accept("unused-component", "schema " + name + " is not referred to");
            }
        });
        return findings;
    }
}
