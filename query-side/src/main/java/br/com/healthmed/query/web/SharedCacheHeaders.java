package br.com.healthmed.query.web;

import br.com.healthmed.query.consistency.ReadYourWrites;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.MethodParameter;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

import java.time.Duration;
import java.util.List;

/**
 * Lets the gateway answer the public reads that 20,000 browsing patients repeat (specialties, search, a doctor's
 * profile and free slots) from its micro-cache for {@code healthmed.public-reads.shared-max-age} (2 s), so the query
 * side computes each distinct answer about once per interval instead of once per patient (ADR 0031).
 * <p>
 * Only a 200 of a {@link SharedCacheable} read asked anonymously and without {@code X-Consistency-Token} is marked:
 * a caller with a token may be shown more than the public (and must never get another caller's answer), and a
 * read-your-writes read must reach the projections. Everything else keeps Spring Security's {@code no-store}.
 * {@code Vary} keeps a browser's own cache from answering a later read that carries either header.
 */
@ControllerAdvice
class SharedCacheHeaders implements ResponseBodyAdvice<Object> {

    private final Duration sharedMaxAge;

    SharedCacheHeaders(@Value("${healthmed.public-reads.shared-max-age:PT2S}") Duration sharedMaxAge) {
        this.sharedMaxAge = sharedMaxAge;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return returnType.hasMethodAnnotation(SharedCacheable.class);
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType,
                                  ServerHttpRequest request, ServerHttpResponse response) {
        if (sharedMaxAge.isPositive() && anonymousPlainRead(request) && succeeded(response)) {
            response.getHeaders().setCacheControl(CacheControl.maxAge(sharedMaxAge).cachePublic());
            response.getHeaders().setVary(List.of(HttpHeaders.AUTHORIZATION, ReadYourWrites.HEADER));
        }
        return body;
    }

    private static boolean anonymousPlainRead(ServerHttpRequest request) {
        if (!(request instanceof ServletServerHttpRequest servlet)) {
            return false;
        }
        HttpServletRequest http = servlet.getServletRequest();
        return http.getHeader(HttpHeaders.AUTHORIZATION) == null && http.getHeader(ReadYourWrites.HEADER) == null;
    }

    private static boolean succeeded(ServerHttpResponse response) {
        return response instanceof ServletServerHttpResponse servlet
                && servlet.getServletResponse().getStatus() == HttpStatus.OK.value();
    }
}
