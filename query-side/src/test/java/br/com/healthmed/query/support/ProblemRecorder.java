package br.com.healthmed.query.support;

import br.com.healthmed.testing.DocumentedProblems;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;

/**
 * Outermost filter of every integration test's server: hands each problem answer to {@link DocumentedProblems}, which
 * fails the test class when the OpenAPI document does not list it (ADR 0017).
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemRecorder extends OncePerRequestFilter {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper recorded = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, recorded);
        } finally {
            String type = recorded.getContentType();
            if (type != null && type.startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE)) {
                JsonNode problem = JSON.readTree(recorded.getContentAsByteArray());
                JsonNode errors = problem.path("errors");
                String code = problem.path("code").asText();
                boolean singleFieldCode = errors.size() == 1 && code.equals(errors.get(0).path("code").asText());
                DocumentedProblems.record(new DocumentedProblems.Answer(request.getLocalPort(), request.getMethod(),
                        request.getRequestURI(), recorded.getStatus(), code, singleFieldCode));
            }
            recorded.copyBodyToResponse();
        }
    }
}
