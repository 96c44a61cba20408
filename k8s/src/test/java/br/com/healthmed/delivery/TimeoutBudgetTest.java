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
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The timeout budget of ADR 0015: both gateways wait the same, and every wait the applications configure ends before
 * it, so a client hears the application's 503 with Retry-After, not the gateway's 504.
 */
class TimeoutBudgetTest {

    private static final Pattern ENV_DEFAULT = Pattern.compile("\\$\\{[A-Z_]+:([^}]*)}");

    private static Duration nginxReadTimeout() throws IOException {
        String conf = Files.readString(RepositoryFiles.ROOT.resolve("deploy/nginx/gateway.conf"));
        Matcher timeout = Pattern.compile("proxy_read_timeout (\\d+)s;").matcher(conf);
        assertThat(timeout.find()).as("deploy/nginx/gateway.conf sets proxy_read_timeout").isTrue();
        return Duration.ofSeconds(Long.parseLong(timeout.group(1)));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void every_api_route_waits_as_long_as_the_compose_gateway(String overlay) throws IOException {
        Duration gateway = nginxReadTimeout();
        HTTPRoute route = Manifests.overlay(overlay).named(HTTPRoute.class, "healthmed-api");

        assertThat(route.getSpec().getRules()).isNotEmpty().allSatisfy(rule -> {
            assertThat(rule.getTimeouts()).as("timeouts of %s", rule.getMatches()).isNotNull();
            assertThat(Duration.parse("PT" + rule.getTimeouts().getRequest().toUpperCase())).isEqualTo(gateway);
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"command-side", "query-side"})
    void every_store_wait_of_the_application_ends_before_the_gateway_gives_up(String application) throws IOException {
        Duration gateway = nginxReadTimeout();
        JsonNode yml = new ObjectMapper(new YAMLFactory()).readTree(
                RepositoryFiles.ROOT.resolve(application).resolve("src/main/resources/application.yml").toFile());
        JsonNode hikari = yml.at("/spring/datasource/hikari");
        Map<String, Duration> waits = Map.of(
                "hikari connection-timeout", Duration.ofMillis(Long.parseLong(value(hikari.path("connection-timeout")))),
                "pgjdbc connectTimeout", Duration.ofSeconds(Long.parseLong(value(hikari.at("/data-source-properties/connectTimeout")))),
                "pgjdbc socketTimeout", Duration.ofSeconds(Long.parseLong(value(hikari.at("/data-source-properties/socketTimeout")))),
                "redis timeout", springDuration(value(yml.at("/spring/data/redis/timeout"))),
                "redis connect-timeout", springDuration(value(yml.at("/spring/data/redis/connect-timeout"))));

        assertThat(waits).allSatisfy((name, wait) -> assertThat(wait).as(name).isPositive().isLessThan(gateway));
        if (application.equals("query-side")) {
            JsonNode mongo = yml.at("/healthmed/mongo/timeouts");
            assertThat(Duration.parse(value(mongo.path("server-selection"))).plus(Duration.parse(value(mongo.path("read")))))
                    .as("finding MongoDB and then waiting for its answer").isLessThan(gateway);
        }
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
