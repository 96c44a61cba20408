package br.com.healthmed.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteMatch;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Routes are checked by evaluating them: a small matcher applies the Gateway API precedence for the match types the
 * manifests use (longest PathPrefix first, then a match with a method over one without) to concrete requests.
 */
class GatewayRoutingTest {

    private record Candidate(HTTPRouteRule rule, HTTPRouteMatch match) {
    }

    /** The Service a request reaches through the route, or empty when nothing matches. */
    static Optional<String> backendFor(HTTPRoute route, String method, String path) {
        return route.getSpec().getRules().stream()
                .flatMap(rule -> rule.getMatches().stream().map(match -> new Candidate(rule, match)))
                .filter(candidate -> matches(candidate.match(), method, path))
                .max(Comparator.<Candidate>comparingInt(c -> c.match().getPath().getValue().length())
                        .thenComparing(c -> c.match().getMethod() != null))
                .map(candidate -> candidate.rule().getBackendRefs().getFirst().getName());
    }

    private static boolean matches(HTTPRouteMatch match, String method, String path) {
        assertThat(match.getPath().getType()).as("only PathPrefix is modelled").isEqualTo("PathPrefix");
        assertThat(match.getHeaders()).as("header matches are not modelled").isNullOrEmpty();
        assertThat(match.getQueryParams()).as("query matches are not modelled").isNullOrEmpty();
        String prefix = match.getPath().getValue();
        boolean pathMatches = path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/");
        return pathMatches && (match.getMethod() == null || match.getMethod().equals(method));
    }

    private static HTTPRoute apiRoute(String overlay) {
        return Manifests.overlay(overlay).named(HTTPRoute.class, "healthmed-api");
    }

    @ParameterizedTest(name = "{0}: {1} {2} -> {3}")
    @CsvSource({
            "dev,  GET,    /api/doctors,                                   query-side",
            "dev,  HEAD,   /api/specialties,                               query-side",
            "dev,  POST,   /api/appointments,                              command-side",
            "dev,  PUT,    /api/doctors/me/profile,                        command-side",
            "dev,  DELETE, /api/patients/me,                               command-side",
            "dev,  POST,   /api/admin/processors/doctors/reset,            query-side",
            "prod, GET,    /api/admin/privacy/master-key-rotation,         command-side",
            "prod, GET,    /api/doctors/8f3e/agenda,                       query-side",
            "prod, GET,    /api/audit/appointments/8f3e/history,           query-side",
            "prod, HEAD,   /api/appointments,                              query-side",
            "prod, POST,   /api/auth/patient/login,                        command-side",
            "prod, PATCH,  /api/appointments/8f3e,                         command-side",
            "prod, DELETE, /api/doctors/me/slots/8f3e,                     command-side",
            "prod, POST,   /api/admin/doctors/8f3e/verification,           command-side",
            "prod, POST,   /api/admin/processors/appointments/reset,       query-side",
            "dev,  GET,    /api/consultations/signal,                      command-side",
            "prod, GET,    /api/consultations/signal,                      command-side",
            "prod, GET,    /consulta/index.html,                           command-side",
            "prod, POST,   /api/appointments/8f3e/consultation/tickets,    command-side",
            "prod, POST,   /api/consultations/ice-servers,                 command-side"})
    void reads_go_to_the_query_side_and_everything_else_to_the_command_side(String overlay, String method,
            String path, String backend) {
        assertThat(backendFor(apiRoute(overlay), method, path)).contains(backend);
    }

    @ParameterizedTest(name = "{0}: {1} {2} is not routed")
    @CsvSource({"dev, GET, /actuator/health", "prod, GET, /actuator/processors", "prod, POST, /apix",
            "prod, GET, /swagger-ui.html"})
    void operational_endpoints_are_not_published_through_the_gateway(String overlay, String method, String path) {
        assertThat(backendFor(apiRoute(overlay), method, path)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void the_api_route_is_served_only_over_tls_on_the_gateway_and_reaches_existing_service_ports(String overlay) {
        Manifests manifests = Manifests.overlay(overlay);
        HTTPRoute route = manifests.named(HTTPRoute.class, "healthmed-api");

        assertThat(route.getSpec().getHostnames()).singleElement().asString()
                .isEqualTo(overlay.equals("prod") ? "api.healthmed.example" : "api.dev.healthmed.example");
        assertThat(route.getSpec().getParentRefs()).isNotEmpty().allSatisfy(parent -> {
            Listener listener = listener(manifests, parent);
            assertThat(listener.getProtocol()).isEqualTo("HTTPS");
            assertThat(listener.getPort()).isEqualTo(443);
            assertThat(listener.getTls().getMode()).isEqualTo("Terminate");
            assertThat(listener.getTls().getCertificateRefs()).singleElement()
                    .satisfies(ref -> assertThat(ref.getName()).isEqualTo("healthmed-tls"));
        });
        List<HTTPBackendRef> backends = route.getSpec().getRules().stream()
                .flatMap(rule -> rule.getBackendRefs().stream()).toList();
        assertThat(backends).extracting(HTTPBackendRef::getName).containsOnly("command-side", "query-side");
        assertThat(backends).allSatisfy(backend -> assertThat(manifests.named(Service.class, backend.getName())
                .getSpec().getPorts()).anySatisfy(port -> assertThat(port.getPort()).isEqualTo(backend.getPort())));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void plain_http_only_redirects_to_https(String overlay) {
        Manifests manifests = Manifests.overlay(overlay);

        for (HTTPRoute route : manifests.ofKind(HTTPRoute.class)) {
            for (ParentReference parent : route.getSpec().getParentRefs()) {
                if (listener(manifests, parent).getProtocol().equals("HTTP")) {
                    assertThat(route.getSpec().getRules()).allSatisfy(rule -> {
                        assertThat(rule.getBackendRefs()).isNullOrEmpty();
                        assertThat(rule.getFilters()).singleElement().satisfies(filter -> {
                            assertThat(filter.getType()).isEqualTo("RequestRedirect");
                            assertThat(filter.getRequestRedirect().getScheme()).isEqualTo("https");
                        });
                    });
                }
            }
        }
        assertThat(manifests.named(HTTPRoute.class, "healthmed-https-redirect").getSpec().getHostnames())
                .isEqualTo(manifests.named(HTTPRoute.class, "healthmed-api").getSpec().getHostnames());
    }

    private static Listener listener(Manifests manifests, ParentReference parent) {
        assertThat(parent.getSectionName()).as("routes attach to a named listener").isNotNull();
        return manifests.named(Gateway.class, parent.getName()).getSpec().getListeners().stream()
                .filter(listener -> listener.getName().equals(parent.getSectionName()))
                .findFirst().orElseThrow(() -> new AssertionError("no listener " + parent.getSectionName()));
    }
}
