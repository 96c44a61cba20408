package br.com.healthmed.command.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/** Takes the client's {@code X-Correlation-Id} (or makes one), keeps it in the MDC and echoes it in the response. */
class CorrelationIdFilter extends OncePerRequestFilter {

    private static final String ATTRIBUTE = CorrelationIdFilter.class.getName() + ".id";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String id = (String) request.getAttribute(ATTRIBUTE);
        if (id == null) {
            String offered = request.getHeader(CorrelationId.HEADER);
            id = CorrelationId.isAcceptable(offered) ? offered : CorrelationId.generate();
            request.setAttribute(ATTRIBUTE, id);
            response.setHeader(CorrelationId.HEADER, id);
        }
        String previous = MDC.get(CorrelationId.MDC_KEY);
        MDC.put(CorrelationId.MDC_KEY, id);
        try {
            chain.doFilter(request, response);
        } finally {
            if (previous == null) {
                MDC.remove(CorrelationId.MDC_KEY);
            } else {
                MDC.put(CorrelationId.MDC_KEY, previous);
            }
        }
    }

    /** Error pages are rendered in a second dispatch; their log lines should carry the same id. */
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }
}
