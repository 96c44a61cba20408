package br.com.healthmed.platform.web;

import br.com.healthmed.platform.security.ProblemResponder;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Refuses a query string holding control characters (NUL, line breaks, escape…) once decoded, before any controller,
 * query or log line sees it: no parameter we accept contains one, and downstream they break MongoDB regexes, log lines
 * and header values in ways that ended as a 500. Answers 400 {@code parameter-control-character}, or
 * {@code parameter-malformed} for percent-encoding that does not decode.
 */
public class QueryStringFilter extends OncePerRequestFilter {

    private final ProblemResponder problems;

    public QueryStringFilter(ProblemResponder problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query != null) {
            String decoded;
            try {
                decoded = URLDecoder.decode(query, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                problems.write(request, response, HttpStatus.BAD_REQUEST, "parameter-malformed",
                        "the query string is not valid percent-encoding");
                return;
            }
            if (hasControlCharacter(decoded)) {
                problems.write(request, response, HttpStatus.BAD_REQUEST, "parameter-control-character",
                        "query parameters may not contain control characters");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    static boolean hasControlCharacter(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }
}
