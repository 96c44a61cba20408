package br.com.healthmed.query.support;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

/** GETs against the running query side, answers as text plus a JSON reader. */
public final class Api {

    private final TestRestTemplate http;

    public Api(TestRestTemplate http) {
        this.http = http;
    }

    public record Answer(ResponseEntity<String> response) {

        public int status() {
            return response.getStatusCode().value();
        }

        public DocumentContext json() {
            return JsonPath.parse(response.getBody());
        }

        public <T> T read(String path) {
            return json().read(path);
        }

        public String header(String name) {
            return response.getHeaders().getFirst(name);
        }
    }

    public Answer get(String path) {
        return get(path, null);
    }

    public Answer get(String path, String token) {
        HttpHeaders headers = new HttpHeaders();
        if (token != null) {
            headers.setBearerAuth(token);
        }
        return new Answer(http.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class));
    }
}
