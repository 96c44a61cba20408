package br.com.healthmed.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The timeout budget of ADR 0015: the compose gateway and the Kubernetes routes wait the same, and every wait the
 * applications configure ends before it and before the local gateway's (./run.sh --replicas, which waits longer on
 * purpose, ADR 0016), so a client hears the application's 503 with Retry-After, not a gateway's 504.
 */
class TimeoutBudgetTest {

    private static final Pattern ENV_DEFAULT = Pattern.compile("\\$\\{[A-Z_]+:([^}]*)}");

    private static final String COMPOSE_GATEWAY = "deploy/nginx/gateway.conf";
    private static final String LOCAL_GATEWAY = "deploy/nginx/local-gateway.conf.template";

    private static Duration nginxReadTimeout() throws IOException {
        return nginxTimeout(COMPOSE_GATEWAY, "proxy_read_timeout");
    }

    /** The consultation's signalling WebSocket (ADR 0027): a long-lived connection, outside the request budget. */
    private static boolean isSignalling(io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule rule) {
        return rule.getMatches().stream().anyMatch(match -> "/api/consultations/signal".equals(match.getPath().getValue()));
    }

    /**
     * A directive's one value in seconds; a gateway that set it twice would make "its" timeout ambiguous. The
     * signalling WebSocket's location (ADR 0027) sets its own, longer waits and is left out.
     */
    private static Duration nginxTimeout(String file, String directive) throws IOException {
        String conf = Files.readString(RepositoryFiles.ROOT.resolve(file))
                .replaceAll("(?s)location = /api/consultations/signal \\{.*?\\}", "");
        Matcher timeout = Pattern.compile("(?m)^\\s*" + directive + " (\\d+)s;").matcher(conf);
        assertThat(timeout.find()).as("%s sets %s", file, directive).isTrue();
        Duration value = Duration.ofSeconds(Long.parseLong(timeout.group(1)));
        assertThat(timeout.find()).as("%s sets %s once", file, directive).isFalse();
        return value;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void every_api_route_waits_as_long_as_the_compose_gateway(String overlay) throws IOException {
        Duration gateway = nginxReadTimeout();
        HTTPRoute route = Manifests.overlay(overlay).named(HTTPRoute.class, "healthmed-api");

        assertThat(route.getSpec().getRules()).isNotEmpty().allSatisfy(rule -> {
            assertThat(rule.getTimeouts()).as("timeouts of %s", rule.getMatches()).isNotNull();
            Duration request = Duration.parse("PT" + rule.getTimeouts().getRequest().toUpperCase());
            if (isSignalling(rule)) {
                assertThat(request).as("a WebSocket call is not bounded by a request timeout").isZero();
            } else {
                assertThat(request).isEqualTo(gateway);
            }
        });
    }

    @ParameterizedTest(name = "{0} behind {1} ({2})")
    @CsvSource({
            "command-side, " + COMPOSE_GATEWAY + ", proxy_read_timeout",
            "query-side, " + COMPOSE_GATEWAY + ", proxy_read_timeout",
            "command-side, " + COMPOSE_GATEWAY + ", proxy_send_timeout",
            "query-side, " + COMPOSE_GATEWAY + ", proxy_send_timeout",
            "command-side, " + LOCAL_GATEWAY + ", proxy_read_timeout",
            "query-side, " + LOCAL_GATEWAY + ", proxy_read_timeout",
            "command-side, " + LOCAL_GATEWAY + ", proxy_send_timeout",
            "query-side, " + LOCAL_GATEWAY + ", proxy_send_timeout"})
    void every_store_wait_of_the_application_ends_before_the_gateway_gives_up(String application, String gatewayFile,
                                                                              String directive) throws IOException {
        Duration gateway = nginxTimeout(gatewayFile, directive);
        JsonNode yml = applicationYml(application);
        JsonNode hikari = yml.at("/spring/datasource/hikari");
        Map<String, Duration> waits = Map.of(
                "hikari connection-timeout", Duration.ofMillis(Long.parseLong(value(hikari.path("connection-timeout")))),
                "pgjdbc connectTimeout", Duration.ofSeconds(Long.parseLong(value(hikari.at("/data-source-properties/connectTimeout")))),
                "pgjdbc socketTimeout", Duration.ofSeconds(Long.parseLong(value(hikari.at("/data-source-properties/socketTimeout")))),
                "redis timeout", springDuration(value(yml.at("/spring/data/redis/timeout"))),
                "redis connect-timeout", springDuration(value(yml.at("/spring/data/redis/connect-timeout"))),
                "tomcat connection-timeout (request line and headers)", springDuration(value(yml.at("/server/tomcat/connection-timeout"))));

        assertThat(waits).allSatisfy((name, wait) -> assertThat(wait).as(name).isPositive().isLessThan(gateway));
        if (application.equals("query-side")) {
            JsonNode mongo = yml.at("/healthmed/mongo/timeouts");
            assertThat(Duration.parse(value(mongo.path("server-selection"))).plus(Duration.parse(value(mongo.path("read")))))
                    .as("finding MongoDB and then waiting for its answer").isLessThan(gateway);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"command-side", "query-side"})
    void an_idle_upstream_connection_is_closed_by_the_local_gateway_before_the_application_closes_it(String application)
            throws IOException {
        String conf = Files.readString(RepositoryFiles.ROOT.resolve(LOCAL_GATEWAY));
        Matcher upstreams = Pattern.compile("upstream (\\w+) \\{[^}]*?keepalive_timeout (\\d+)s;").matcher(conf);
        Duration applicationKeepAlive = springDuration(value(applicationYml(application).at("/server/tomcat/keep-alive-timeout")));

        int checked = 0;
        while (upstreams.find()) {
            checked++;
            assertThat(Duration.ofSeconds(Long.parseLong(upstreams.group(2))))
                    .as("keepalive_timeout of upstream %s: nginx must never send a request on a connection Tomcat is closing", upstreams.group(1))
                    .isLessThan(applicationKeepAlive);
        }
        assertThat(checked).as("upstreams with a keepalive_timeout in %s", LOCAL_GATEWAY).isEqualTo(2);
    }

    private static JsonNode applicationYml(String application) throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(
                RepositoryFiles.ROOT.resolve(application).resolve("src/main/resources/application.yml").toFile());
    }

    /** A property's value, or the default of its ${ENV:default} placeholder. */
    private static String value(JsonNode node) {
        assertThat(node.isMissingNode()).as("configured").isFalse();
        Matcher placeholder = ENV_DEFAULT.matcher(node.asText());
        return placeholder.matches() ? placeholder.group(1) : node.asText();
    }

    /** Spring's short forms as used in application.yml: 250ms, 1s. */
    private static Duration springDuration(String text) {
        if (text.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
        }
        if (text.endsWith("s")) {
            return Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
        }
        return Duration.parse(text);
    }
}
