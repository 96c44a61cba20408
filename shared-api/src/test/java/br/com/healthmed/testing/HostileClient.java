package br.com.healthmed.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An HTTP client for attack tests: any method, any raw body and header, no retries or redirects, and optionally bound
 * to another loopback address (127.0.0.2), so that a server trusting only 127.0.0.1 as its proxy sees an untrusted
 * peer whose {@code X-Forwarded-For} it must ignore.
 */
public final class HostileClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final HttpClient http;

    private HostileClient(String baseUrl, HttpClient http) {
        this.baseUrl = baseUrl;
        this.http = http;
    }

    /** A client on 127.0.0.1 (the address the suites configure as the trusted gateway). */
    public static HostileClient to(String baseUrl) {
        return new HostileClient(baseUrl, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    /** The same server, reached from another local address. */
    public HostileClient from(String localAddress) {
        try {
            return new HostileClient(baseUrl, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                    .localAddress(InetAddress.getByName(localAddress)).build());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(localAddress, e);
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Call call(String method, String path) {
        return new Call(method, path);
    }

    public final class Call {
        private final String method;
        private final String path;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private String body;

        private Call(String method, String path) {
            this.method = method;
            this.path = path;
        }

        public Call bearer(String token) {
            return token == null ? this : header("Authorization", "Bearer " + token);
        }

        public Call forwardedFor(String address) {
            return header("X-Forwarded-For", address);
        }

        public Call header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        /** A body sent exactly as given, as JSON unless a Content-Type was set. */
        public Call raw(String json) {
            this.body = json;
            headers.putIfAbsent("Content-Type", "application/json");
            return this;
        }

        public Call json(Object value) {
            try {
                return raw(value instanceof String text ? text : JSON.writeValueAsString(value));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * For setting a scene, not for attacks: on a loaded machine a store may answer 503 with Retry-After, and a
         * client would wait and retry.
         */
        public Answer sendPatiently() {
            Answer answer = send();
            for (int attempt = 1; attempt < 6 && answer.status() == 503; attempt++) {
                String retryAfter = answer.header("Retry-After");
                long seconds = retryAfter == null || !retryAfter.matches("\\d{1,3}") ? 1 : Math.max(1, Long.parseLong(retryAfter));
                try {
                    Thread.sleep(seconds * 1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return answer;
                }
                answer = send();
            }
            return answer;
        }

        public Answer send() {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
            headers.forEach(request::header);
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            long started = System.nanoTime();
            try {
                HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                return new Answer(method + " " + path, response.statusCode(), response,
                        Duration.ofNanos(System.nanoTime() - started));
            } catch (IOException e) {
                throw new UncheckedIOException(method + " " + path, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** What came back, and how long it took. */
    public record Answer(String request, int status, HttpResponse<String> raw, Duration took) {

        public String body() {
            return raw.body() == null ? "" : raw.body();
        }

        public JsonNode json() {
            try {
                return body().isBlank() ? JSON.nullNode() : JSON.readTree(body());
            } catch (IOException e) {
                return JSON.nullNode();
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
            String text = body();
            return request + " -> " + status + " " + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
        }
    }
}
