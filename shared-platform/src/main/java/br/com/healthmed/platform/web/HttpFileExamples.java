package br.com.healthmed.platform.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The request and answer examples of the spec, read from {@code docs/api-examples.http} (packaged as
 * {@code openapi/api-examples.http}): the file the build already runs against both sides, so an example in the spec is
 * a request that really answered as shown. Dynamic values become fixed samples; an answer trimmed beyond valid JSON
 * is left out.
 */
public final class HttpFileExamples {

    /** One request of the file, with what it sent and the answer recorded under it. */
    public record Example(String name, String title, String method, String path, JsonNode requestBody, int status,
                   JsonNode responseBody) {

        boolean matches(String operationMethod, String template) {
            String regex = Pattern.quote(template).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
            return method.equals(operationMethod) && path.matches(regex);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REQUEST_LINE = Pattern.compile("^(GET|POST|PUT|DELETE|PATCH) (\\S+)");
    private static final Pattern VARIABLE = Pattern.compile("^@(\\w+) = (.*)$");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^}]*)}}");
    private static final Pattern NAME = Pattern.compile("^#\\s*@name\\s+(\\w+)");
    private static final Pattern SENT_FIELD = Pattern.compile("^(\\w+)\\.request\\.body\\.\\$\\.(\\w+)$");
    private static final String SAMPLE_ID = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

    private final List<Example> examples;

    private HttpFileExamples(List<Example> examples) {
        this.examples = examples;
    }

    public static HttpFileExamples load() {
        try (InputStream in = HttpFileExamples.class.getResourceAsStream("/openapi/api-examples.http")) {
            return in == null ? new HttpFileExamples(List.of())
                    : parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Example> of(String method, String template) {
        return examples.stream().filter(example -> example.matches(method, template)).toList();
    }

    public static HttpFileExamples parse(String file) {
        Map<String, String> variables = new HashMap<>();
        Map<String, JsonNode> sent = new HashMap<>();
        List<Example> examples = new ArrayList<>();
        String[] blocks = file.split("(?m)^###");
        for (int i = 0; i < blocks.length; i++) {
            String[] lines = blocks[i].split("\n");
            for (String line : lines) {
                Matcher variable = VARIABLE.matcher(line.strip());
                if (variable.matches()) {
                    variables.put(variable.group(1), variable.group(2).strip());
                }
            }
            Optional<Example> example = request(lines, i + 1 < blocks.length ? blocks[i + 1] : "", variables, sent);
            example.ifPresent(found -> {
                examples.add(found);
                if (found.requestBody() != null) {
                    sent.put(found.name(), found.requestBody());
                }
            });
        }
        return new HttpFileExamples(List.copyOf(examples));
    }

    /** A block holding a request; its answer is the comment block after the next separator. */
    private static Optional<Example> request(String[] lines, String answerBlock, Map<String, String> variables,
                                             Map<String, JsonNode> sent) {
        String title = lines[0].strip().replaceFirst("^\\d+\\.\\s*", "");
        String name = null;
        int at = 1;
        Matcher request = null;
        for (; at < lines.length; at++) {
            String line = lines[at].strip();
            Matcher named = NAME.matcher(line);
            if (named.find()) {
                name = named.group(1);
            }
            if (line.startsWith("#") || line.isEmpty()) {
                continue;
            }
            request = REQUEST_LINE.matcher(line);
            break;
        }
        if (request == null || !request.find()) {
            return Optional.empty();
        }
        String method = request.group(1);
        String path = request.group(2).replaceFirst("^\\{\\{\\w+Url}}", "").replaceFirst("\\?.*$", "")
                .replaceAll("\\{\\{[^}]*}}", SAMPLE_ID);
        StringBuilder body = new StringBuilder();
        boolean inBody = false;
        for (at++; at < lines.length; at++) {
            String line = lines[at];
            if (!inBody && line.isBlank()) {
                inBody = true;
            } else if (inBody && !line.startsWith("#")) {
                body.append(line).append('\n');
            }
        }
        int status = 0;
        StringBuilder answer = new StringBuilder();
        boolean inAnswer = false;
        for (String line : answerBlock.split("\n")) {
            String text = line.startsWith("#") ? line.substring(1).strip() : line.strip();
            if (text.startsWith("expect ")) {
                status = Integer.parseInt(text.substring("expect ".length()).strip());
            } else if (text.isEmpty() && status > 0) {
                inAnswer = true;
            } else if (inAnswer && line.startsWith("#")) {
                answer.append(text).append('\n');
            }
        }
        if (name == null) {
            name = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        }
        return Optional.of(new Example(name, title, method, path, json(body.toString(), variables, sent), status,
                json(answer.toString(), variables, sent)));
    }

    private static JsonNode json(String text, Map<String, String> variables, Map<String, JsonNode> sent) {
        if (text.isBlank()) {
            return null;
        }
        Matcher placeholders = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (placeholders.find()) {
            placeholders.appendReplacement(filled, Matcher.quoteReplacement(sample(placeholders.group(1).strip(), variables, sent)));
        }
        placeholders.appendTail(filled);
        try {
            return JSON.readTree(filled.toString());
        } catch (JsonProcessingException trimmed) {
            return null;
        }
    }

    private static String sample(String placeholder, Map<String, String> variables, Map<String, JsonNode> sent) {
        Matcher field = SENT_FIELD.matcher(placeholder);
        if (field.matches() && sent.containsKey(field.group(1)) && sent.get(field.group(1)).has(field.group(2))) {
            return sent.get(field.group(1)).get(field.group(2)).asText();
        }
        if (placeholder.startsWith("$randomInt")) {
            return placeholder.split("\\s+")[1];
        } else if (placeholder.startsWith("$datetime")) {
            return "2026-12-04";
        } else if (placeholder.equals("$randomCpf")) {
            return "52998224725";
        } else if (placeholder.startsWith("$totp")) {
            return "123456";
        } else if (placeholder.startsWith("$")) {
            return SAMPLE_ID;
        }
        return variables.getOrDefault(placeholder, SAMPLE_ID);
    }
}
