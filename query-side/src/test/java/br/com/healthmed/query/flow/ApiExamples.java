package br.com.healthmed.query.flow;

import br.com.healthmed.testing.TotpCodes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.fail;

/**
 * Runs docs/api-examples.http request by request against a running system and checks each answer's status against the
 * {@code # expect} line under it. ApiExamplesIT runs it against both sides started in the build; the Jenkins smoke
 * stage runs {@link #main} against staging through the gateway URL. Because that output lands in a CI console (issue 9
 * item 10): every account the file creates gets a password generated for this run ({@link #throwAwayPasswords}),
 * tokens are redacted from the transcript and from failure messages ({@link #redact}), and the file's {@code @cleanup}
 * requests, which deactivate or erase those accounts, run even when an earlier request failed.
 */
final class ApiExamples {

    static final Path FILE = Path.of("../docs/api-examples.http").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern TOKEN_FIELD = Pattern.compile(
            "(\"(?:accessToken|refreshToken|token|challengeToken|mfaToken|resetToken|password|currentPassword|newPassword)\"\\s*:\\s*)\"[^\"]*\"");
    private static final Pattern BEARER = Pattern.compile("((?i:bearer)\\s+)[A-Za-z0-9._~+/=-]+");
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    private static final Pattern SECRET_FIELD = Pattern.compile(
            "(\"(?:secret|otpauthUri|recoveryCodes)\"\\s*:\\s*)(\"[^\"]*\"|\\[[^\\]]*])");

    private ApiExamples() {
    }

    /**
     * Every request of the file in order, with {@code overrides} replacing the file's variables (where the two sides
     * listen, who the admin is); the transcript gets every request and answer. Throws AssertionError on a mismatch.
     */
    static void run(Path file, Map<String, String> overrides, Function<String, String> confirmationTokens,
                    StringBuilder transcript) throws IOException {
        HttpFile parsed = HttpFile.parse(Files.readString(file));
        Map<String, String> variables = new LinkedHashMap<>(parsed.variables());
        variables.putAll(throwAwayPasswords(parsed));
        variables.putAll(overrides);
        Runner runner = new Runner(variables, confirmationTokens);
        List<Example> requests = parsed.requests();
        int next = 0;
        try {
            for (; next < requests.size(); next++) {
                runner.run(requests.get(next), transcript);
            }
        } catch (RuntimeException | AssertionError failure) {
            // Whatever the examples created so far must not outlive the run: the cleanup requests still go out.
            for (Example cleanup : requests.subList(next + 1, requests.size())) {
                if (cleanup.cleanup()) {
                    try {
                        runner.run(cleanup, transcript);
                    } catch (RuntimeException | AssertionError notCleaned) {
                        transcript.append("### cleanup ").append(cleanup.label()).append(" failed: ")
                                .append(redact(String.valueOf(notCleaned.getMessage()))).append("\n\n");
                    }
                }
            }
            throw failure;
        }
    }

    /**
     * A fresh password for every account the file creates (each variable named {@code …Password} but the admin's), so
     * no password written in the repository ever works on an account a run left behind.
     */
    static Map<String, String> throwAwayPasswords(HttpFile file) {
        Map<String, String> passwords = new LinkedHashMap<>();
        for (String variable : file.variables().keySet()) {
            if (variable.endsWith("Password") && !variable.equals("adminPassword")) {
                byte[] random = new byte[18];
                RANDOM.nextBytes(random);
                passwords.put(variable, "run-" + Base64.getUrlEncoder().withoutPadding().encodeToString(random));
            }
        }
        return passwords;
    }

    /** The transcript and failures without credentials: token fields, bearer headers and anything shaped like a JWT. */
    static String redact(String text) {
        String redacted = TOKEN_FIELD.matcher(text).replaceAll("$1\"[redacted]\"");
        redacted = SECRET_FIELD.matcher(redacted).replaceAll("$1\"[redacted]\"");
        redacted = BEARER.matcher(redacted).replaceAll("$1[redacted]");
        return JWT.matcher(redacted).replaceAll("[redacted]");
    }

    /**
     * {@code ApiExamples <commandUrl> <queryUrl> <adminEmail>} with the admin password in HEALTHMED_ADMIN_PASSWORD and
     * its TOTP secret in HEALTHMED_ADMIN_TOTP_SECRET; both URLs may be the same gateway. Run from the repository root.
     * The patients' confirmation mails are read from the mail API in HEALTHMED_MAIL_API_URL (./run.sh's LocalMail,
     * {@code GET /mails?to=…}; default http://127.0.0.1:18025).
     * Exits 1 at the first answer that differs.
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 3 || System.getenv("HEALTHMED_ADMIN_PASSWORD") == null
                || System.getenv("HEALTHMED_ADMIN_TOTP_SECRET") == null) {
            System.err.println("usage: HEALTHMED_ADMIN_PASSWORD=… HEALTHMED_ADMIN_TOTP_SECRET=… "
                    + "ApiExamples <commandUrl> <queryUrl> <adminEmail>");
            System.exit(2);
        }
        StringBuilder transcript = new StringBuilder();
        String mailApi = System.getenv().getOrDefault("HEALTHMED_MAIL_API_URL", "http://127.0.0.1:18025");
        try {
            run(Path.of("docs/api-examples.http"), Map.of("commandUrl", args[0], "queryUrl", args[1], "adminEmail", args[2],
                    "adminPassword", System.getenv("HEALTHMED_ADMIN_PASSWORD"),
                    "adminTotpSecret", System.getenv("HEALTHMED_ADMIN_TOTP_SECRET")),
                    email -> MailApi.confirmationToken(mailApi, email), transcript);
            System.out.println(transcript);
            System.out.println("All API examples answered as expected.");
        } catch (AssertionError e) {
            System.out.println(transcript);
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    /** ./run.sh's mail API (LocalMail): the token of the newest confirmation mail to an address. */
    static final class MailApi {

        private static final Pattern TOKEN = Pattern.compile("\\{\"token\": \"([A-Za-z0-9_-]+)\"}");

        private MailApi() {
        }

        static String confirmationToken(String mailApi, String email) {
            URI mails = URI.create(mailApi + "/mails?to=" + URLEncoder.encode(email, StandardCharsets.UTF_8));
            long giveUp = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < giveUp) {
                String found = null;
                for (JsonNode mail : Runner.json(Runner.send(HttpRequest.newBuilder(mails).GET().build()).body())) {
                    Matcher token = TOKEN.matcher(mail.path("text").asText());
                    if (token.find()) {
                        found = token.group(1);
                    }
                }
                if (found != null) {
                    return found;
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            throw new AssertionError("no confirmation mail to " + email + " at " + mailApi + " within 30 s");
        }
    }

    /** One request of the file, with the status the file says it answers. */
    record Example(String title, String name, String method, String url, Map<String, String> headers, String body,
                   Integer expectedStatus, boolean cleanup) {

        String label() {
            return name != null ? name : title;
        }

        Example expecting(int status) {
            return new Example(title, name, method, url, headers, body, status, cleanup);
        }
    }

    /** The file's variables and its requests, in order. */
    record HttpFile(Map<String, String> variables, List<Example> requests) {

        private static final Pattern VARIABLE = Pattern.compile("^@([A-Za-z0-9_]+)\\s*=\\s*(.*)$");
        private static final Pattern NAME = Pattern.compile("^(?:#|//)\\s*@name\\s+(\\S+)\\s*$");
        /** Marks a request that removes what the examples created: it runs even after an earlier failure. */
        private static final Pattern CLEANUP = Pattern.compile("^(?:#|//)\\s*@cleanup\\s*$");
        private static final Pattern EXPECT = Pattern.compile("^(?:#|//)\\s*expect\\s+(\\d{3})\\b.*$");
        private static final Pattern REQUEST_LINE = Pattern.compile("^([A-Z]+)\\s+(\\S+)(?:\\s+HTTP/[0-9.]+)?\\s*$");

        static HttpFile parse(String text) {
            Map<String, String> variables = new LinkedHashMap<>();
            List<Example> requests = new ArrayList<>();
            List<List<String>> sections = new ArrayList<>();
            List<String> current = new ArrayList<>();
            sections.add(current);
            for (String line : text.split("\\R", -1)) {
                if (line.startsWith("###")) {
                    current = new ArrayList<>();
                    sections.add(current);
                }
                current.add(line);
            }
            for (List<String> section : sections) {
                Example example = section(section, variables);
                Integer expected = expectation(section);
                if (example != null) {
                    requests.add(expected == null ? example : example.expecting(expected));
                } else if (expected != null) {
                    if (requests.isEmpty() || requests.getLast().expectedStatus() != null) {
                        throw new IllegalArgumentException("'# expect " + expected + "' is not under a request");
                    }
                    requests.set(requests.size() - 1, requests.getLast().expecting(expected));
                }
            }
            for (Example request : requests) {
                if (request.expectedStatus() == null) {
                    throw new IllegalArgumentException("no '# expect <status>' under " + request.label());
                }
            }
            return new HttpFile(variables, requests);
        }

        private static Integer expectation(List<String> section) {
            Integer expected = null;
            for (String line : section) {
                Matcher matcher = EXPECT.matcher(line.strip());
                if (matcher.matches()) {
                    expected = Integer.valueOf(matcher.group(1));
                }
            }
            return expected;
        }

        private static Example section(List<String> lines, Map<String, String> variables) {
            String title = lines.getFirst().startsWith("###") ? lines.getFirst().substring(3).strip() : "";
            String name = null;
            boolean cleanup = false;
            int index = lines.getFirst().startsWith("###") ? 1 : 0;
            for (; index < lines.size(); index++) {
                String line = lines.get(index).strip();
                Matcher variable = VARIABLE.matcher(line);
                Matcher named = NAME.matcher(line);
                if (named.matches()) {
                    name = named.group(1);
                } else if (CLEANUP.matcher(line).matches()) {
                    cleanup = true;
                } else if (variable.matches()) {
                    variables.put(variable.group(1), variable.group(2).strip());
                } else if (!line.isEmpty() && !line.startsWith("#") && !line.startsWith("//")) {
                    break;
                }
            }
            if (index == lines.size()) {
                return null;
            }
            Matcher requestLine = REQUEST_LINE.matcher(lines.get(index).strip());
            if (!requestLine.matches()) {
                throw new IllegalArgumentException("not a request line in '" + title + "': " + lines.get(index));
            }
            Map<String, String> headers = new LinkedHashMap<>();
            index++;
            for (; index < lines.size() && !lines.get(index).isBlank(); index++) {
                String header = lines.get(index);
                int colon = header.indexOf(':');
                if (colon < 1) {
                    throw new IllegalArgumentException("not a header in '" + title + "': " + header);
                }
                headers.put(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
            }
            List<String> body = new ArrayList<>(lines.subList(Math.min(index + 1, lines.size()), lines.size()));
            while (!body.isEmpty() && body.getLast().isBlank()) {
                body.removeLast();
            }
            return new Example(title, name, requestLine.group(1), requestLine.group(2), headers,
                    String.join("\n", body), null, cleanup);
        }
    }

    /** Sends the requests in order, remembering named ones so later requests can refer to them. */
    static final class Runner {

        private static final Pattern REFERENCE = Pattern.compile("\\{\\{\\s*(.+?)\\s*}}");
        private static final Pattern REQUEST_REFERENCE =
                Pattern.compile("^([A-Za-z0-9_]+)\\.(request|response)\\.(body|headers)\\.(.+)$");
        private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        private final Map<String, String> variables;
        private final Function<String, String> confirmationTokens;
        private final Map<String, Exchange> named = new LinkedHashMap<>();

        Runner(Map<String, String> variables, Function<String, String> confirmationTokens) {
            this.variables = variables;
            this.confirmationTokens = confirmationTokens;
        }

        private record Exchange(Map<String, String> requestHeaders, String requestBody,
                                Map<String, List<String>> responseHeaders, JsonNode responseBody) {
        }

        void run(Example example, StringBuilder transcript) {
            String url = resolve(example.url());
            Map<String, String> headers = new LinkedHashMap<>();
            example.headers().forEach((header, value) -> headers.put(header, resolve(value)));
            String body = resolve(example.body());
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                    .method(example.method(), body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            headers.forEach(request::header);
            HttpResponse<String> response = send(request.build());
            transcript.append(redact("### " + example.title() + "\n" + example.method() + " " + url + "\n-> "
                    + response.statusCode() + " " + response.headers().map() + "\n" + response.body() + "\n\n"));
            if (response.statusCode() != example.expectedStatus()) {
                fail("%s (%s %s): expected %d, got %d: %s", example.label(), example.method(), url,
                        example.expectedStatus(), response.statusCode(), redact(response.body()));
            }
            if (example.name() != null) {
                remember(example.name(), headers, body, response.headers().map(), json(response.body()));
            }
        }

        void remember(String name, Map<String, String> requestHeaders, String requestBody,
                      Map<String, List<String>> responseHeaders, JsonNode responseBody) {
            named.put(name, new Exchange(requestHeaders, requestBody, responseHeaders, responseBody));
        }

        String resolve(String text) {
            Matcher matcher = REFERENCE.matcher(text);
            StringBuilder resolved = new StringBuilder();
            while (matcher.find()) {
                matcher.appendReplacement(resolved, Matcher.quoteReplacement(value(matcher.group(1))));
            }
            matcher.appendTail(resolved);
            return resolved.toString();
        }

        private String value(String expression) {
            if (expression.startsWith("$totp ")) {
                // The code an authenticator would show for that secret, never one this JVM handed out before: the
                // server accepts each code once.
                return TotpCodes.nextCode(value(expression.substring("$totp ".length()).strip()));
            }
            if (expression.startsWith("$confirmationToken ")) {
                // The token of the confirmation mail sent to that address (ADR 0033), as its recipient would copy it.
                return confirmationTokens.apply(value(expression.substring("$confirmationToken ".length()).strip()));
            }
            if (expression.startsWith("$")) {
                return SystemVariables.value(expression);
            }
            Matcher reference = REQUEST_REFERENCE.matcher(expression);
            if (reference.matches()) {
                Exchange exchange = named.get(reference.group(1));
                if (exchange == null) {
                    throw new IllegalArgumentException("{{" + expression + "}}: no earlier request named "
                            + reference.group(1));
                }
                boolean request = reference.group(2).equals("request");
                String path = reference.group(4);
                if (reference.group(3).equals("headers")) {
                    return request ? header(exchange.requestHeaders(), path, expression)
                            : header(flatten(exchange.responseHeaders()), path, expression);
                }
                return select(request ? json(exchange.requestBody()) : exchange.responseBody(), path, expression);
            }
            String variable = variables.get(expression);
            if (variable == null) {
                throw new IllegalArgumentException("{{" + expression + "}}: no such variable");
            }
            return resolve(variable);
        }

        private static Map<String, String> flatten(Map<String, List<String>> headers) {
            Map<String, String> flat = new LinkedHashMap<>();
            headers.forEach((header, values) -> flat.put(header, String.join(", ", values)));
            return flat;
        }

        private static String header(Map<String, String> headers, String name, String expression) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue)
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("{{" + expression + "}}: no such header"));
        }

        /** {@code a.b[0].c}, optionally written as JSONPath ({@code $.a.b[0].c}); {@code *} is the whole body. */
        private static String select(JsonNode body, String path, String expression) {
            if (path.equals("*") || path.equals("$")) {
                return body.toString();
            }
            String normalised = path.startsWith("$.") ? path.substring(2) : path;
            JsonNode node = body;
            for (String step : normalised.replaceAll("\\[(\\d+)]", ".$1").split("\\.")) {
                node = node.isArray() && step.matches("\\d+") ? node.path(Integer.parseInt(step)) : node.path(step);
            }
            if (node.isMissingNode() || node.isNull()) {
                throw new IllegalArgumentException("{{" + expression + "}}: nothing at that path in " + body);
            }
            return node.isValueNode() ? node.asText() : node.toString();
        }

        private static JsonNode json(String text) {
            if (text == null || text.isBlank()) {
                return JSON.nullNode();
            }
            try {
                return JSON.readTree(text);
            } catch (IOException e) {
                return JSON.getNodeFactory().textNode(text);
            }
        }

        private static HttpResponse<String> send(HttpRequest request) {
            try {
                return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The {@code {{$…}}} values the file's header documents. */
    static final class SystemVariables {

        private static final Pattern RANDOM_INT = Pattern.compile("^\\$randomInt\\s+(-?\\d+)\\s+(-?\\d+)$");
        private static final Pattern DATETIME =
                Pattern.compile("^\\$datetime\\s+(iso8601|\"[^\"]+\"|'[^']+')(?:\\s+(-?\\d+)\\s+(w|d|h|m|s))?$");

        private SystemVariables() {
        }

        static String value(String expression) {
            if (expression.equals("$uuid") || expression.equals("$guid")) {
                return UUID.randomUUID().toString();
            }
            if (expression.equals("$randomCpf")) {
                return cpf();
            }
            Matcher randomInt = RANDOM_INT.matcher(expression);
            if (randomInt.matches()) {
                return Integer.toString(ThreadLocalRandom.current().nextInt(
                        Integer.parseInt(randomInt.group(1)), Integer.parseInt(randomInt.group(2))));
            }
            Matcher datetime = DATETIME.matcher(expression);
            if (datetime.matches()) {
                ZonedDateTime at = ZonedDateTime.now(ZoneOffset.UTC);
                if (datetime.group(2) != null) {
                    at = at.plus(Long.parseLong(datetime.group(2)), switch (datetime.group(3)) {
                        case "w" -> ChronoUnit.WEEKS;
                        case "d" -> ChronoUnit.DAYS;
                        case "h" -> ChronoUnit.HOURS;
                        case "m" -> ChronoUnit.MINUTES;
                        default -> ChronoUnit.SECONDS;
                    });
                }
                String format = datetime.group(1);
                if (format.equals("iso8601")) {
                    return DateTimeFormatter.ISO_INSTANT.format(at.truncatedTo(ChronoUnit.MILLIS));
                }
                // Day.js tokens as the REST Client writes them: YYYY, MM, DD, HH, mm, ss.
                String pattern = format.substring(1, format.length() - 1).replace("YYYY", "yyyy").replace("DD", "dd");
                return DateTimeFormatter.ofPattern(pattern, Locale.ROOT).format(at);
            }
            throw new IllegalArgumentException("{{" + expression + "}}: not a system variable this runner knows");
        }

        /** A valid CPF (check digits right), random enough that every run registers a new patient. */
        static String cpf() {
            int[] digits = new int[11];
            digits[0] = 1 + ThreadLocalRandom.current().nextInt(9);
            for (int i = 1; i < 9; i++) {
                digits[i] = ThreadLocalRandom.current().nextInt(10);
            }
            if (digits[1] == digits[0]) {
                digits[1] = (digits[0] + 1) % 10;
            }
            for (int length = 9; length <= 10; length++) {
                int sum = 0;
                for (int i = 0; i < length; i++) {
                    sum += digits[i] * (length + 1 - i);
                }
                digits[length] = sum * 10 % 11 % 10;
            }
            StringBuilder text = new StringBuilder();
            for (int digit : digits) {
                text.append(digit);
            }
            return text.toString();
        }
    }
}
