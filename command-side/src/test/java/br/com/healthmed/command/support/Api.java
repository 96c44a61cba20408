package br.com.healthmed.command.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A plain HTTP client for the command API, as an outside caller sees it: no retries, no redirects. */
public final class Api {

    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;

    public Api(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public record Response(int status, HttpResponse<String> raw) {

        public JsonNode json() {
            try {
                String body = raw.body();
                return body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + raw.body(), e);
            }
        }

        public String text(String field) {
            JsonNode node = json().path(field);
            return node.isMissingNode() || node.isNull() ? null : node.asText();
        }

        public String code() {
            return text("code");
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    /** Sends at once; {@code headers} are name/value pairs. */
    public HttpResponse<String> get(String path, String... headers) {
        return withHeaders(new Request("GET", path), headers).send().raw();
    }

    /** Sends a JSON body (a String is sent as it is); {@code headers} are name/value pairs. */
    public HttpResponse<String> post(String path, Object body, String... headers) {
        Request request = post(path);
        withHeaders(body instanceof String text ? request.rawBody(text) : request.body(body), headers);
        return request.send().raw();
    }

    /** Sends {@code {}} with any method, for checks that only look at the status. */
    public HttpResponse<String> method(String method, String path, String... headers) {
        return withHeaders(new Request(method, path).rawBody("{}"), headers).send().raw();
    }

    public static JsonNode body(HttpResponse<String> response) {
        return new Response(response.statusCode(), response).json();
    }

    public static String bearer(String accessToken) {
        return "Bearer " + accessToken;
    }

    private static Request withHeaders(Request request, String... headers) {
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request;
    }

    public Request post(String path) {
        return new Request("POST", path);
    }

    public Request put(String path) {
        return new Request("PUT", path);
    }

    public Request delete(String path) {
        return new Request("DELETE", path);
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public final class Request {
        private final String method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String body;

        private Request(String method, String path) {
            this.method = method;
            this.path = path;
        }

        public Request token(String accessToken) {
            headers.put("Authorization", "Bearer " + accessToken);
            return this;
        }

        public Request header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        public Request body(Object value) {
            return rawBody(json(value));
        }

        public Request rawBody(String json) {
            this.body = json;
            headers.putIfAbsent("Content-Type", "application/json");
            return this;
        }

        public Response send() {
            HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
            headers.forEach(builder::header);
            builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            try {
                HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
                return new Response(response.statusCode(), response);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
