package br.com.healthmed.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPHeader;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteFilter;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The smaller items of issue 9 item 14 that live in the delivery descriptors: every image pinned to a release without
 * the published CVEs of 2025, security headers at every gateway, MongoDB with authentication and Axon Server with
 * access control.
 */
class DeploymentHardeningTest {

    /** The lowest releases without CVE-2025-14847 (MongoDB), CVE-2025-49844 (Redis) and the PostgreSQL CVEs of 2025. */
    private static final Map<String, List<int[]>> FIXED_IN = Map.of(
            "mongo", List.of(new int[] {7, 0, 28}, new int[] {8, 0, 17}),
            "redis", List.of(new int[] {7, 4, 6}),
            "postgres", List.of(new int[] {16, 11}));
    private static final Pattern PINNED = Pattern.compile("[a-z0-9./-]+:v?\\d+(\\.\\d+)+([-.][\\w.-]+)?");
    private static final String NONE_CSP = "default-src 'none'";
    private static final Path COMPOSE = RepositoryFiles.ROOT.resolve("docker-compose.yml");

    private static JsonNode services;

    @BeforeAll
    static void readCompose() throws IOException {
        services = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(COMPOSE)).path("services");
    }

    private static List<String> composeImages() {
        List<String> images = new ArrayList<>();
        services.properties().forEach(service -> {
            String image = service.getValue().path("image").asText();
            if (!image.startsWith("healthmed/")) {
                images.add(image);
            }
        });
        return images;
    }

    private static List<String> kubernetesImages(String overlay) {
        Manifests manifests = Manifests.overlay(overlay);
        return Stream.of(
                        manifests.ofKind(Deployment.class).stream().map(d -> d.getSpec().getTemplate()),
                        manifests.ofKind(StatefulSet.class).stream().map(s -> s.getSpec().getTemplate()),
                        manifests.ofKind(Job.class).stream().map(j -> j.getSpec().getTemplate()))
                .flatMap(s -> s)
                .flatMap(template -> template.getSpec().getContainers().stream())
                .map(Container::getImage)
                .filter(image -> !image.startsWith("healthmed/"))
                .toList();
    }

    @Test
    void every_compose_image_is_pinned_to_a_release_without_the_2025_cves() {
        assertThat(composeImages()).isNotEmpty().allSatisfy(DeploymentHardeningTest::assertPinnedAndFixed);
    }

    @Test
    void every_kubernetes_image_is_pinned_to_a_release_without_the_2025_cves() {
        assertThat(kubernetesImages("dev")).hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(DeploymentHardeningTest::assertPinnedAndFixed);
        assertThat(kubernetesImages("prod")).as("prod runs no store of its own: managed services")
                .noneMatch(image -> image.matches(".*(mongo|redis|postgres|axonserver).*"));
    }

    @Test
    void the_version_rule_refuses_the_vulnerable_releases() {
        assertThat(fixed("mongo:7.0.27")).isFalse();
        assertThat(fixed("mongo:8.0.16")).isFalse();
        assertThat(fixed("redis:7.4.5-alpine")).isFalse();
        assertThat(fixed("postgres:16.10")).isFalse();
        assertThat(PINNED.matcher("redis:7-alpine").matches()).as("a floating major tag").isFalse();
        assertThat(PINNED.matcher("nginx:stable-alpine").matches()).isFalse();
        assertThat(fixed("mongo:8.0.17")).isTrue();
        assertThat(fixed("postgres:16.11")).isTrue();
    }

    private static void assertPinnedAndFixed(String image) {
        assertThat(image).as("pinned to a release").matches(PINNED).doesNotEndWith(":latest");
        assertThat(fixed(image)).as(image + " is at or above the fixed release of its line").isTrue();
    }

    private static boolean fixed(String image) {
        String name = image.substring(0, image.indexOf(':'));
        Matcher version = Pattern.compile(":v?(\\d+(?:\\.\\d+)*)").matcher(image);
        if (!FIXED_IN.containsKey(name)) {
            return true;
        }
        assertThat(version.find()).as(image).isTrue();
        int[] actual = java.util.Arrays.stream(version.group(1).split("\\.")).mapToInt(Integer::parseInt).toArray();
        List<int[]> lines = FIXED_IN.get(name);
        for (int[] minimum : lines) {
            if (actual[0] == minimum[0] && (minimum.length < 3 || actual.length > 1 && actual[1] == minimum[1])) {
                return compare(actual, minimum) >= 0;
            }
        }
        // A newer line than every fixed one (e.g. PostgreSQL 17) is fine; an older one is not.
        return lines.stream().allMatch(minimum -> compare(actual, minimum) > 0);
    }

    private static int compare(int[] actual, int[] minimum) {
        for (int i = 0; i < minimum.length; i++) {
            int part = i < actual.length ? actual[i] : 0;
            if (part != minimum[i]) {
                return Integer.compare(part, minimum[i]);
            }
        }
        return 0;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"deploy/nginx/gateway.conf", "deploy/nginx/local-gateway.conf.template"})
    void every_nginx_gateway_sends_the_security_headers_on_every_answer(String file) throws IOException {
        String conf = Files.readString(RepositoryFiles.require(RepositoryFiles.ROOT.resolve(file)))
                .replaceAll("(?m)#.*$", "");

        assertThat(conf).containsPattern("map \\$scheme \\$healthmed_hsts \\{\\s*https\\s+\"max-age=\\d{8,}[^\"]*\";\\s*default\\s+\"\";");
        assertThat(conf).containsPattern("map \\$upstream_status \\$healthmed_own_page_csp \\{\\s*\"\"\\s+\"" + NONE_CSP);
        String server = conf.substring(conf.indexOf("server {"));
        String serverLevel = server.substring(0, server.indexOf("location"));
        assertThat(headers(serverLevel)).containsEntry("X-Content-Type-Options", "nosniff")
                .containsEntry("Referrer-Policy", "no-referrer")
                .containsEntry("Strict-Transport-Security", "$healthmed_hsts")
                .containsEntry("Content-Security-Policy", "$healthmed_own_page_csp");
        assertThat(serverLevel).contains("proxy_hide_header X-Content-Type-Options;");
        // A location with add_header of its own inherits none from the server: it must repeat all four.
        Matcher location = Pattern.compile("location\\s+([^{]+)\\{([^}]*)}").matcher(server);
        int errorPages = 0;
        while (location.find()) {
            Map<String, String> own = headers(location.group(2));
            if (!own.isEmpty()) {
                assertThat(own).as("location " + location.group(1)).containsEntry("X-Content-Type-Options", "nosniff")
                        .containsEntry("Referrer-Policy", "no-referrer")
                        .containsKey("Strict-Transport-Security");
                assertThat(own.get("Content-Security-Policy")).as("location " + location.group(1)).startsWith(NONE_CSP);
                errorPages++;
            }
        }
        assertThat(errorPages).as("the gateway's problem+json error pages").isEqualTo(2);
        assertThat(conf).containsPattern("error_page 502 = @unavailable;").containsPattern("error_page 504 = @timed_out;");
    }

    private static Map<String, String> headers(String block) {
        Map<String, String> headers = new LinkedHashMap<>();
        Matcher header = Pattern.compile("add_header\\s+(\\S+)\\s+(\"[^\"]*\"|\\S+)\\s+always;").matcher(block);
        while (header.find()) {
            headers.put(header.group(1), header.group(2).replace("\"", ""));
        }
        return headers;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void every_route_of_the_kubernetes_gateway_sets_the_security_headers(String overlay) {
        HTTPRoute route = Manifests.overlay(overlay).named(HTTPRoute.class, "healthmed-api");

        for (HTTPRouteRule rule : route.getSpec().getRules()) {
            Map<String, String> set = new LinkedHashMap<>();
            for (HTTPRouteFilter filter : rule.getFilters()) {
                if ("ResponseHeaderModifier".equals(filter.getType())) {
                    for (HTTPHeader header : filter.getResponseHeaderModifier().getSet()) {
                        set.put(header.getName(), header.getValue());
                    }
                }
            }
            assertThat(set).as("rule to " + rule.getBackendRefs().getFirst().getName())
                    .containsEntry("X-Content-Type-Options", "nosniff")
                    .containsEntry("Referrer-Policy", "no-referrer");
            assertThat(set.get("Strict-Transport-Security")).as("the route is served over TLS").startsWith("max-age=");
            assertThat(set.get("Content-Security-Policy")).startsWith(NONE_CSP);
        }
    }

    @Test
    void mongodb_in_compose_asks_for_credentials_and_the_query_side_has_its_own() {
        JsonNode mongo = services.path("mongodb");
        Map<String, String> environment = environment(mongo);

        assertThat(environment.get("MONGO_INITDB_ROOT_PASSWORD")).startsWith("${MONGODB_ROOT_PASSWORD:?");
        assertThat(environment.get("MONGODB_APP_PASSWORD")).startsWith("${MONGODB_PASSWORD:?");
        assertThat(mongo.path("command").toString()).contains("--keyFile");
        assertThat(mongo.path("volumes").toString()).contains("./deploy/mongodb/create-app-user.js:/docker-entrypoint-initdb.d/");
        assertThat(mongo.path("healthcheck").path("test").toString()).contains("--authenticationDatabase admin");
        assertThat(environment(services.path("query-side")).get("MONGODB_URI"))
                .startsWith("mongodb://healthmed:${MONGODB_PASSWORD:?").contains("authSource=admin", "replicaSet=rs0");
    }

    @Test
    void axon_server_in_compose_admits_only_clients_with_the_token() throws IOException {
        Map<String, String> axon = environment(services.path("axonserver"));

        assertThat(axon).containsEntry("AXONIQ_AXONSERVER_ACCESSCONTROL_ENABLED", "true");
        assertThat(axon.get("AXONIQ_AXONSERVER_ACCESSCONTROL_TOKEN")).startsWith("${AXON_AXONSERVER_TOKEN:?");
        assertThat(environment(services.path("query-side")).get("AXON_AXONSERVER_TOKEN")).startsWith("${AXON_AXONSERVER_TOKEN:?");
        // The command side reads the whole .env; the variable is there under the name Axon's client binds.
        assertThat(Files.readString(RepositoryFiles.ROOT.resolve(".env.example"))).contains("\nAXON_AXONSERVER_TOKEN=");
    }

    @Test
    void axon_server_in_kubernetes_admits_only_clients_with_the_token() {
        Manifests dev = Manifests.overlay("dev");
        Container axon = dev.named(StatefulSet.class, "axonserver").getSpec().getTemplate().getSpec().getContainers().getFirst();

        assertThat(axon.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("AXONIQ_AXONSERVER_ACCESSCONTROL_ENABLED");
            assertThat(env.getValue()).isEqualTo("true");
        });
        assertThat(secretKey(axon, "AXONIQ_AXONSERVER_ACCESSCONTROL_TOKEN")).isEqualTo("AXON_AXONSERVER_TOKEN");
        for (String overlay : List.of("dev", "prod")) {
            for (String side : List.of("command-side", "query-side")) {
                Container app = Manifests.overlay(overlay).named(Deployment.class, side).getSpec().getTemplate().getSpec()
                        .getContainers().getFirst();
                assertThat(secretKey(app, "AXON_AXONSERVER_TOKEN")).as(overlay + " " + side).isEqualTo("AXON_AXONSERVER_TOKEN");
            }
        }
    }

    private static String secretKey(Container container, String variable) {
        return container.getEnv().stream().filter(env -> env.getName().equals(variable))
                .map(EnvVar::getValueFrom).filter(java.util.Objects::nonNull)
                .map(source -> source.getSecretKeyRef().getKey()).findFirst().orElse(null);
    }

    private static Map<String, String> environment(JsonNode service) {
        Map<String, String> environment = new LinkedHashMap<>();
        service.path("environment").properties().forEach(entry -> environment.put(entry.getKey(), entry.getValue().asText()));
        return environment;
    }
}
