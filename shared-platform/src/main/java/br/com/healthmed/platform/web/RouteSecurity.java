package br.com.healthmed.platform.web;

import br.com.healthmed.api.common.Role;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.MappingMatch;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.web.context.WebApplicationContext;

import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who may call an operation, asked of the running security filter chain rather than restated: the chain's
 * authorization rules are evaluated for an anonymous caller and for a caller of each role, on a request to the
 * operation's path (path variables filled with a sample value).
 */
public final class RouteSecurity {

    /** Public operations need no token; the others name the roles that pass the URL rules (all roles when any may). */
    public record Access(boolean isPublic, Set<Role> roles) {
        public boolean restrictedByRole() {
            return !isPublic && roles.size() < Role.values().length;
        }
    }

    private final List<SecurityFilterChain> chains;
    private final ServletContext servletContext;

    public RouteSecurity(ApplicationContext context) {
        this.chains = List.copyOf(context.getBeansOfType(SecurityFilterChain.class).values());
        this.servletContext = servletContextOf(context);
    }

    public static ServletContext servletContextOf(ApplicationContext context) {
        if (context instanceof WebApplicationContext web && web.getServletContext() != null) {
            return web.getServletContext();
        }
        throw new IllegalStateException("the API description is made inside a servlet web application only");
    }

    public Access of(String method, String pathTemplate) {
        HttpServletRequest request = sampleRequest(servletContext, method, pathTemplate.replaceAll("\\{[^}]+}", "00000000-0000-0000-0000-000000000000"));
        AuthorizationManager<HttpServletRequest> rules = rulesFor(request);
        Authentication anonymous = new AnonymousAuthenticationToken("openapi", "anonymous",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"));
        if (granted(rules, anonymous, request)) {
            return new Access(true, EnumSet.allOf(Role.class));
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Role role : Role.values()) {
            Authentication caller = UsernamePasswordAuthenticationToken.authenticated("openapi", null,
                    AuthorityUtils.createAuthorityList("ROLE_" + role.name()));
            if (granted(rules, caller, request)) {
                roles.add(role);
            }
        }
        return new Access(false, roles);
    }

    private static boolean granted(AuthorizationManager<HttpServletRequest> rules, Authentication who, HttpServletRequest request) {
        AuthorizationResult result = rules.authorize(() -> who, request);
        return result != null && result.isGranted();
    }

    private AuthorizationManager<HttpServletRequest> rulesFor(HttpServletRequest request) {
        for (SecurityFilterChain chain : chains) {
            if (chain.matches(request)) {
                return chain.getFilters().stream()
                        .filter(AuthorizationFilter.class::isInstance)
                        .map(filter -> ((AuthorizationFilter) filter).getAuthorizationManager())
                        .findFirst()
                        .orElseThrow(() -> new IllegalStateException("the security chain has no authorization rules"));
            }
        }
        throw new IllegalStateException("no security chain matches " + request.getRequestURI());
    }

    /**
     * A request that answers what URL matchers ask (method, path, servlet mapping, attributes) and is empty otherwise;
     * the Servlet API offers no plain implementation outside a container.
     */
    public static HttpServletRequest sampleRequest(ServletContext servletContext, String method, String path) {
        Map<String, Object> attributes = new HashMap<>();
        HttpServletMapping mapping = new HttpServletMapping() {
            @Override
            public String getMatchValue() {
                return "";
            }

            @Override
            public String getPattern() {
                return "/";
            }

            @Override
            public String getServletName() {
                return "dispatcherServlet";
            }

            @Override
            public MappingMatch getMappingMatch() {
                return MappingMatch.DEFAULT;
            }
        };
        return (HttpServletRequest) Proxy.newProxyInstance(RouteSecurity.class.getClassLoader(),
                new Class<?>[]{HttpServletRequest.class}, (proxy, invoked, arguments) -> switch (invoked.getName()) {
                    case "getMethod" -> method;
                    case "getRequestURI", "getServletPath" -> path;
                    case "getRequestURL" -> new StringBuffer("http://localhost" + path);
                    case "getContextPath" -> "";
                    case "getServletContext" -> servletContext;
                    case "getHttpServletMapping" -> mapping;
                    case "getDispatcherType" -> DispatcherType.REQUEST;
                    case "getAttribute" -> attributes.get((String) arguments[0]);
                    case "setAttribute" -> attributes.put((String) arguments[0], arguments[1]);
                    case "removeAttribute" -> attributes.remove((String) arguments[0]);
                    case "getAttributeNames" -> Collections.enumeration(attributes.keySet());
                    case "getHeaders", "getHeaderNames", "getParameterNames", "getLocales" -> Collections.emptyEnumeration();
                    case "getParameterMap" -> Map.of();
                    case "getScheme" -> "http";
                    case "getServerName" -> "localhost";
                    case "getServerPort", "getLocalPort" -> 80;
                    case "getContentLength" -> -1;
                    case "getIntHeader" -> -1;
                    case "getDateHeader", "getContentLengthLong" -> -1L;
                    case "isSecure", "isAsyncStarted", "isAsyncSupported", "isUserInRole", "isRequestedSessionIdValid" -> false;
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == arguments[0];
                    case "toString" -> method + " " + path;
                    default -> null;
                });
    }
}
