package br.com.healthmed.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** docker-compose.yml, its gateway and its env file, read as data: what must hold before anyone runs them. */
class DockerComposeTest {

    private static final Path COMPOSE = RepositoryFiles.ROOT.resolve("docker-compose.yml");
    private static final Path ENV_EXAMPLE = RepositoryFiles.ROOT.resolve(".env.example");
    private static final Path GATEWAY_CONF = RepositoryFiles.ROOT.resolve("deploy/nginx/gateway.conf");

    private static final Set<String> REQUIRED_SERVICES =
            Set.of("axonserver", "mongodb", "redis", "postgres", "command-side", "query-side", "gateway");
    private static final Set<String> STATEFUL_SERVICES = Set.of("axonserver", "mongodb", "redis", "postgres");
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)([^}]*)}");
    private static final Pattern ONLY_INTERPOLATION = Pattern.compile("\\$\\{[A-Za-z_][A-Za-z0-9_]*(:?\\?[^}]*)?}");
    private static final Pattern SECRET_NAME = Pattern.compile(".*(PASSWORD|SECRET|TOKEN|_KEY|PRIVATE).*");

    private static JsonNode compose;
    private static String composeText;

    @BeforeAll
    static void readCompose() throws IOException {
        composeText = Files.readString(RepositoryFiles.require(COMPOSE));
        compose = new ObjectMapper(new YAMLFactory()).readTree(composeText);
    }

    private static Map<String, JsonNode> services() {
        Map<String, JsonNode> services = new LinkedHashMap<>();
        compose.path("services").properties().forEach(entry -> services.put(entry.getKey(), entry.getValue()));
        return services;
    }

    /** The environment of a service as name → value, whether written as a map or as a list of NAME=value. */
    private static Map<String, String> environment(JsonNode service) {
        Map<String, String> environment = new LinkedHashMap<>();
        JsonNode node = service.path("environment");
        if (node.isObject()) {
            node.properties().forEach(entry -> environment.put(entry.getKey(), entry.getValue().asText()));
        } else if (node.isArray()) {
            node.forEach(item -> {
                String[] parts = item.asText().split("=", 2);
                environment.put(parts[0], parts.length > 1 ? parts[1] : "");
            });
        }
        return environment;
    }

    private static List<String> texts(JsonNode node) {
        List<String> texts = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(item -> texts.add(item.asText()));
        } else if (!node.isMissingNode() && !node.isNull()) {
            texts.add(node.asText());
        }
        return texts;
    }

    @Test
    void the_stack_has_axon_server_mongodb_redis_postgres_both_sides_and_the_gateway() {
        assertThat(services().keySet()).containsAll(REQUIRED_SERVICES);
        assertThat(services().get("axonserver").path("image").asText()).startsWith("axoniq/axonserver:");
        assertThat(services().get("mongodb").path("image").asText()).startsWith("mongo:7.");
        assertThat(services().get("postgres").path("image").asText()).startsWith("postgres:16.");
        assertThat(services().get("gateway").path("image").asText()).startsWith("nginx:");
    }

    @Test
    void both_sides_are_built_from_their_own_dockerfile() {
        for (String side : List.of("command-side", "query-side")) {
            JsonNode build = services().get(side).path("build");
            assertThat(build.path("dockerfile").asText()).as(side).isEqualTo(side + "/Dockerfile");
            assertThat(Files.exists(RepositoryFiles.ROOT.resolve(build.path("context").asText())
                    .resolve(build.path("dockerfile").asText()))).as(side).isTrue();
        }
    }

    @Test
    void both_sides_use_axon_server_as_the_event_store_and_mongodb_as_a_replica_set() {
        for (String side : List.of("command-side", "query-side")) {
            assertThat(environment(services().get(side))).as(side).containsEntry("AXON_SERVER_SERVERS", "axonserver:8124");
        }
        assertThat(environment(services().get("query-side")).get("MONGODB_URI")).contains("mongodb:27017", "replicaSet=rs0");
        assertThat(texts(services().get("mongodb").path("command"))).contains("--replSet", "rs0");
        assertThat(String.join(" ", texts(services().get("mongodb").path("healthcheck").path("test"))))
                .contains("rs.initiate");
    }

    @Test
    void every_service_but_the_gateway_has_a_health_check() {
        services().forEach((name, service) -> {
            if (!name.equals("gateway")) {
                assertThat(texts(service.path("healthcheck").path("test"))).as(name + " healthcheck").isNotEmpty();
            }
        });
    }

    @Test
    void the_applications_check_their_readiness_probe() {
        for (String side : List.of("command-side", "query-side")) {
            assertThat(String.join(" ", texts(services().get(side).path("healthcheck").path("test"))))
                    .as(side).contains("/actuator/health/readiness");
        }
        assertThat(String.join(" ", texts(services().get("axonserver").path("healthcheck").path("test"))))
                .contains(":8024/actuator/health");
    }

    @Test
    void every_dependency_waits_until_the_service_it_needs_is_healthy() {
        List<String> checked = new ArrayList<>();
        services().forEach((name, service) -> {
            JsonNode dependsOn = service.path("depends_on");
            assertThat(dependsOn.isArray()).as(name + ": short depends_on form does not wait for health").isFalse();
            dependsOn.properties().forEach(dependency -> {
                assertThat(dependency.getValue().path("condition").asText())
                        .as(name + " → " + dependency.getKey()).isEqualTo("service_healthy");
                assertThat(services()).as(name + " depends on an unknown service").containsKey(dependency.getKey());
                checked.add(name + "→" + dependency.getKey());
            });
        });
        assertThat(checked).contains("command-side→postgres", "command-side→axonserver", "command-side→mailpit",
                "query-side→mongodb",
                "query-side→axonserver", "gateway→command-side", "gateway→query-side");
    }

    @Test
    void only_the_gateway_and_the_dashboards_of_axon_server_and_mailpit_are_published() {
        Map<String, List<String>> published = new LinkedHashMap<>();
        services().forEach((name, service) -> {
            List<String> ports = texts(service.path("ports"));
            if (!ports.isEmpty()) {
                published.put(name, ports);
            }
        });
        assertThat(published.keySet()).containsExactlyInAnyOrder("gateway", "axonserver", "mailpit", "coturn");
        assertThat(published.get("coturn")).as("STUN/TURN and its relay range, UDP only beyond 3478")
                .containsExactlyInAnyOrder("3478:3478/udp", "3478:3478/tcp", "49160-49200:49160-49200/udp");
        assertThat(published.get("mailpit")).containsExactly("127.0.0.1:8025:8025");
        assertThat(published.get("gateway")).containsExactly("8080:8080");
        assertThat(published.get("axonserver")).hasSize(1);
        assertThat(published.get("axonserver").getFirst()).endsWith("8024:8024");
    }

    @Test
    void no_environment_value_in_the_compose_file_is_a_literal_secret() {
        services().forEach((name, service) -> environment(service).forEach((key, value) -> {
            if (SECRET_NAME.matcher(key).matches()) {
                assertThat(value).as(name + "." + key + " must come from .env").matches(ONLY_INTERPOLATION);
            }
            assertThat(value).as(name + "." + key).doesNotContain("BEGIN", "PRIVATE KEY");
            assertThat(value).as(name + "." + key + " looks like credentials in a URI")
                    .doesNotContainPattern("://[^/@\\s]+:[^/@\\s]+@");
            assertThat(value).as(name + "." + key + " looks like a generated key")
                    .doesNotContainPattern("[A-Za-z0-9+/]{32,}={0,2}");
            assertThat(value).as(name + "." + key + " has a default, which would be a secret in the file")
                    .doesNotContainPattern("\\$\\{[A-Z0-9_]*(PASSWORD|SECRET|TOKEN|_KEY)[A-Z0-9_]*:?-");
        }));
        assertThat(composeText).doesNotContain("-----BEGIN");
    }

    @Test
    void the_command_side_reads_its_secrets_from_the_git_ignored_env_file() throws IOException {
        assertThat(texts(services().get("command-side").path("env_file"))).containsExactly(".env");
        assertThat(Files.readAllLines(RepositoryFiles.ROOT.resolve(".gitignore"))).contains(".env");
    }

    @Test
    void stateful_services_keep_their_data_in_named_volumes() {
        Set<String> declared = new TreeSet<>();
        compose.path("volumes").properties().forEach(entry -> declared.add(entry.getKey()));
        for (String name : STATEFUL_SERVICES) {
            // Start-up scripts from deploy/ are mounted read-only; data never lives on a host path.
            List<String> sources = texts(services().get(name).path("volumes")).stream()
                    .filter(volume -> !(volume.startsWith("./deploy/") && volume.endsWith(":ro")))
                    .map(volume -> volume.split(":", 2)[0])
                    .toList();
            assertThat(sources).as(name + " volumes").isNotEmpty();
            assertThat(declared).as(name + " uses named volumes, not host paths").containsAll(sources);
        }
    }

    @Test
    void the_env_example_lists_every_variable_the_compose_file_interpolates() throws IOException {
        Set<String> interpolated = new TreeSet<>();
        // Compose does not interpolate comments.
        Matcher matcher = INTERPOLATION.matcher(composeText.replaceAll("(?m)^\\s*#.*$", ""));
        while (matcher.find()) {
            interpolated.add(matcher.group(1));
        }
        assertThat(interpolated).contains("DATABASE_PASSWORD", "REDIS_PASSWORD", "HEALTHMED_PRIVACY_MASTER_KEY",
                "HEALTHMED_JWT_PUBLIC_KEY");
        Set<String> listed = envExampleNames();
        assertThat(listed).containsAll(interpolated);
    }

    @Test
    void the_env_example_holds_every_secret_the_applications_need_and_only_placeholders() throws IOException {
        assertThat(envExampleNames()).contains("DATABASE_PASSWORD", "REDIS_PASSWORD", "HEALTHMED_PRIVACY_MASTER_KEY",
                "HEALTHMED_PRIVACY_LOOKUP_KEY", "HEALTHMED_ADMIN_EMAIL", "HEALTHMED_ADMIN_PASSWORD",
                "HEALTHMED_ADMIN_TOTP_SECRET", "HEALTHMED_JWT_PRIVATE_KEY", "HEALTHMED_JWT_PUBLIC_KEY");
        String example = Files.readString(ENV_EXAMPLE);
        assertThat(example).doesNotContainPattern("[A-Za-z0-9+/]{40,}");
    }

    @Test
    void coturn_checks_turn_credentials_with_the_shared_secret_the_command_side_also_reads() {
        List<String> command = texts(services().get("coturn").path("command"));
        assertThat(command).contains("--use-auth-secret", "--static-auth-secret=${HEALTHMED_TURN_SECRET:?run deploy/generate-env.sh}",
                "--denied-peer-ip=10.0.0.0-10.255.255.255", "--denied-peer-ip=172.16.0.0-172.31.255.255",
                "--denied-peer-ip=192.168.0.0-192.168.255.255");
        assertThat(command).noneMatch(arg -> arg.startsWith("--user") || arg.startsWith("--lt-cred-mech"));
        assertThat(services().get("command-side").path("env_file").asText()).isEqualTo(".env");
        assertThat(environment(services().get("command-side"))).containsKeys("HEALTHMED_TURN_URLS", "HEALTHMED_STUN_URLS");
    }

    @Test
    void the_env_generator_refuses_to_overwrite_and_makes_an_ed25519_pair() throws IOException {
        Path script = RepositoryFiles.require(RepositoryFiles.ROOT.resolve("deploy/generate-env.sh"));
        String text = Files.readString(script);
        assertThat(Files.isExecutable(script)).isTrue();
        assertThat(text).contains("/dev/urandom", "openssl genpkey -algorithm ed25519", "exists");
        for (String name : envExampleNames()) {
            assertThat(text).as("generate-env.sh writes " + name).contains(name + "=");
        }
    }

    private static Set<String> envExampleNames() throws IOException {
        Set<String> names = new TreeSet<>();
        for (String line : Files.readAllLines(RepositoryFiles.require(ENV_EXAMPLE))) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#") && trimmed.contains("=")) {
                names.add(trimmed.substring(0, trimmed.indexOf('=')));
            }
        }
        return names;
    }

    @Test
    void the_gateway_sends_reads_to_the_query_side_and_every_other_method_to_the_command_side() throws IOException {
        String conf = Files.readString(RepositoryFiles.require(GATEWAY_CONF)).replaceAll("(?m)#.*$", "");
        Map<String, String> upstreams = new LinkedHashMap<>();
        Matcher upstream = Pattern.compile("upstream\\s+(\\S+)\\s*\\{[^}]*server\\s+([^\\s;]+)").matcher(conf);
        while (upstream.find()) {
            upstreams.put(upstream.group(1), upstream.group(2));
        }
        Matcher map = Pattern.compile("map\\s+\\$request_method\\s+\\$(\\S+)\\s*\\{([^}]*)}").matcher(conf);
        assertThat(map.find()).as("a map on $request_method").isTrue();
        Map<String, String> byMethod = new LinkedHashMap<>();
        for (String entry : map.group(2).split(";")) {
            String[] parts = entry.strip().split("\\s+");
            if (parts.length == 2) {
                byMethod.put(parts[0], upstreams.get(parts[1]));
            }
        }
        assertThat(byMethod).containsEntry("GET", "query-side:8082")
                .containsEntry("HEAD", "query-side:8082")
                .containsEntry("default", "command-side:8081")
                .hasSize(3);
        assertThat(conf).contains("proxy_pass http://$" + map.group(1) + ";");
        assertThat(conf).contains("listen 8080;");
    }

    /** The consultation's signalling WebSocket (ADR 0027): a GET, yet served by the command side, and upgraded. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"deploy/nginx/gateway.conf", "deploy/nginx/local-gateway.conf.template"})
    void the_gateways_upgrade_the_signalling_websocket_on_the_command_side(String file) throws IOException {
        String conf = Files.readString(RepositoryFiles.require(RepositoryFiles.ROOT.resolve(file))).replaceAll("(?m)#.*$", "");
        Matcher location = Pattern.compile("location = /api/consultations/signal \\{([^}]*)}").matcher(conf);
        assertThat(location.find()).as("a location for the signalling WebSocket").isTrue();
        assertThat(location.group(1)).contains("proxy_pass http://healthmed_command_side;")
                .containsPattern("proxy_set_header\\s+Upgrade\\s+\\$http_upgrade;")
                .containsPattern("proxy_set_header\\s+Connection\\s+\"upgrade\";")
                .containsPattern("proxy_read_timeout\\s+\\d+s;");
        assertThat(conf).contains("location /consulta {");
    }

    @Test
    void the_gateway_passes_the_client_address_protocol_and_host() throws IOException {
        String conf = Files.readString(GATEWAY_CONF);
        assertThat(conf).containsPattern("proxy_set_header\\s+X-Forwarded-For\\s+\\$\\S+;")
                .containsPattern("proxy_set_header\\s+X-Forwarded-Proto\\s+\\$scheme;")
                .containsPattern("proxy_set_header\\s+Host\\s+\\$\\S+;");
        JsonNode gateway = services().get("gateway");
        assertThat(texts(gateway.path("volumes"))).anyMatch(volume -> volume.startsWith("./deploy/nginx/gateway.conf:"));
    }
}
