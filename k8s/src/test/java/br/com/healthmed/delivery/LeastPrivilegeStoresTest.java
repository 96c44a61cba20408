package br.com.healthmed.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The query side signs in to PostgreSQL and Redis with its own least-privilege accounts wherever it is deployed
 * (issue 9 item 4, ADR 0025), and the scripts that create those accounts say what they must. The embedded stack of
 * ./run.sh and the tests does the same in Java (shared-api's StoreAccounts), proven by query-side LeastPrivilegeStoresIT.
 */
class LeastPrivilegeStoresTest {

    private static final Path ROLE_SCRIPT = RepositoryFiles.ROOT.resolve("deploy/postgres/query-side-role.sh");
    private static final Path REDIS_SCRIPT = RepositoryFiles.ROOT.resolve("deploy/redis/start-redis.sh");
    private static final Path GRANTS =
            RepositoryFiles.ROOT.resolve("command-side/src/main/resources/db/migration/V13__query_side_read_grants.sql");

    @Test
    void the_query_sides_role_can_log_in_owns_its_schema_and_nothing_more() throws IOException {
        String script = Files.readString(RepositoryFiles.require(ROLE_SCRIPT));

        assertThat(Files.isExecutable(ROLE_SCRIPT)).isTrue();
        assertThat(script).contains("CREATE ROLE healthmed_query",
                "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE",
                "CREATE SCHEMA IF NOT EXISTS query_side AUTHORIZATION healthmed_query",
                "QUERY_DATABASE_PASSWORD")
                .doesNotContain("GRANT ALL", "SUPERUSER PASSWORD");
    }

    @Test
    void the_command_side_grants_it_select_on_exactly_the_tables_it_reads() throws IOException {
        String grants = Files.readString(RepositoryFiles.require(GRANTS)).replaceAll("(?m)--.*$", "");

        assertThat(grants).contains("GRANT SELECT ON domain_event_entry, snapshot_event_entry, person_key TO healthmed_query")
                .doesNotContainPattern("(?i)GRANT\\s+(INSERT|UPDATE|DELETE|TRUNCATE|ALL)")
                .doesNotContainPattern("(?i)\\baccount\\b|login_identifier|token_entry");
    }

    @Test
    void redis_turns_the_default_user_off_and_keeps_the_query_side_to_its_keys() throws IOException {
        String script = Files.readString(RepositoryFiles.require(REDIS_SCRIPT));
        String queryUser = userLine(script, "query-side");

        assertThat(Files.isExecutable(REDIS_SCRIPT)).isTrue();
        assertThat(script).contains("--user default off");
        // Its agenda cache and, since ADR 0035, its search cache: two key patterns, nothing wider.
        assertThat(queryUser).contains("'~agenda:*' '~search:*'", "-@all", "-@dangerous")
                .doesNotContain("'~*'", "+@all", "&*", "auth:revoked", "'~auth:", "'~idem", "'~ratelimit");
        assertThat(queryUser.split("'~", -1)).as("exactly two key patterns").hasSize(3);
        // The deny-list reader: its keys, MGET and the hand-shake, nothing that writes (ADR 0034).
        assertThat(userLine(script, "query-side-deny-list")).contains("'~auth:revoked:*'", "-@all", "+mget", "-@dangerous")
                .doesNotContain("'~*'", "'~agenda:*'", "'~search:*'", "+@all", "+@write", "+@read", "&*", "nopass");
        assertThat(userLine(script, "command-side")).contains("-@dangerous").doesNotContain("nopass", "&*")
                .as("the consultation's signalling relays through these channels (ADR 0027)")
                .contains("'&healthmed:consultation:room:*'");
        assertThat(script).as("passwords reach Redis only as digests").contains("\"#$(digest ")
                .doesNotContain("'>$", "\">$");
    }

    @Test
    void the_kubernetes_copies_of_the_scripts_are_the_scripts() throws IOException {
        Manifests dev = Manifests.overlay("dev");

        assertThat(dev.named(ConfigMap.class, "postgres-init").getData().get("query-side-role.sh"))
                .isEqualTo(Files.readString(ROLE_SCRIPT));
        assertThat(dev.named(ConfigMap.class, "redis-acl").getData().get("start-redis.sh"))
                .isEqualTo(Files.readString(REDIS_SCRIPT));
        Container postgres = dev.named(StatefulSet.class, "postgres").getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(postgres.getVolumeMounts()).anySatisfy(mount ->
                assertThat(mount.getMountPath()).isEqualTo("/docker-entrypoint-initdb.d"));
        assertThat(secretKeysByVariable(postgres)).containsEntry("QUERY_DATABASE_PASSWORD", "QUERY_DATABASE_PASSWORD");
        Container redis = dev.named(StatefulSet.class, "redis").getSpec().getTemplate().getSpec().getContainers().getFirst();
        assertThat(redis.getCommand()).containsExactly("sh", "/acl/start-redis.sh");
        assertThat(secretKeysByVariable(redis)).containsEntry("REDIS_COMMAND_PASSWORD", "REDIS_PASSWORD")
                .containsEntry("REDIS_QUERY_PASSWORD", "REDIS_QUERY_PASSWORD")
                .containsEntry("REDIS_DENY_LIST_PASSWORD", "REDIS_DENY_LIST_PASSWORD");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void in_kubernetes_each_side_signs_in_with_its_own_accounts(String overlay) {
        Manifests manifests = Manifests.overlay(overlay);
        Container query = manifests.named(Deployment.class, "query-side").getSpec().getTemplate().getSpec()
                .getContainers().getFirst();
        Container command = manifests.named(Deployment.class, "command-side").getSpec().getTemplate().getSpec()
                .getContainers().getFirst();

        assertThat(secretKeysByVariable(query)).containsEntry("DATABASE_PASSWORD", "QUERY_DATABASE_PASSWORD")
                .containsEntry("REDIS_PASSWORD", "REDIS_QUERY_PASSWORD")
                .containsEntry("REDIS_DENY_LIST_PASSWORD", "REDIS_DENY_LIST_PASSWORD");
        assertThat(secretKeysByVariable(query).values()).as("the command side's store passwords")
                .doesNotContain("DATABASE_PASSWORD", "REDIS_PASSWORD");
        assertThat(effectiveConfig(manifests, query)).containsEntry("DATABASE_USERNAME", "healthmed_query")
                .containsEntry("SPRING_DATA_REDIS_USERNAME", "query-side")
                .containsEntry("REDIS_DENY_LIST_USERNAME", "query-side-deny-list");
        assertThat(secretKeysByVariable(command)).containsEntry("DATABASE_PASSWORD", "DATABASE_PASSWORD")
                .containsEntry("REDIS_PASSWORD", "REDIS_PASSWORD");
        assertThat(effectiveConfig(manifests, command)).containsEntry("DATABASE_USERNAME", "healthmed")
                .containsEntry("SPRING_DATA_REDIS_USERNAME", "command-side");
    }

    @Test
    void in_compose_each_side_signs_in_with_its_own_accounts() throws IOException {
        JsonNode services = new ObjectMapper(new YAMLFactory())
                .readTree(Files.readString(RepositoryFiles.ROOT.resolve("docker-compose.yml"))).path("services");
        JsonNode query = services.path("query-side").path("environment");
        JsonNode command = services.path("command-side").path("environment");

        assertThat(query.path("DATABASE_USERNAME").asText()).isEqualTo("healthmed_query");
        assertThat(query.path("DATABASE_PASSWORD").asText()).startsWith("${QUERY_DATABASE_PASSWORD:");
        assertThat(query.path("SPRING_DATA_REDIS_USERNAME").asText()).isEqualTo("query-side");
        assertThat(query.path("REDIS_PASSWORD").asText()).startsWith("${REDIS_QUERY_PASSWORD:");
        assertThat(query.path("REDIS_DENY_LIST_USERNAME").asText()).isEqualTo("query-side-deny-list");
        assertThat(query.path("REDIS_DENY_LIST_PASSWORD").asText()).startsWith("${REDIS_DENY_LIST_PASSWORD:");
        assertThat(services.path("redis").path("environment").path("REDIS_DENY_LIST_PASSWORD").asText())
                .startsWith("${REDIS_DENY_LIST_PASSWORD:");
        assertThat(command.path("SPRING_DATA_REDIS_USERNAME").asText()).isEqualTo("command-side");
        assertThat(services.path("postgres").path("volumes").toString())
                .contains("./deploy/postgres/query-side-role.sh:/docker-entrypoint-initdb.d/");
        assertThat(services.path("redis").path("command").toString()).contains("start-redis.sh");
        assertThat(services.path("redis").path("volumes").toString()).contains("./deploy/redis/start-redis.sh:");
    }

    private static String userLine(String script, String user) {
        return script.lines().dropWhile(line -> !line.contains("--user " + user + " "))
                .takeWhile(line -> line.contains("--user " + user + " ") || !line.contains("--user "))
                .reduce("", (a, b) -> a + " " + b.strip());
    }

    /** Environment variable → key of healthmed-secrets. */
    private static Map<String, String> secretKeysByVariable(Container container) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (EnvVar env : container.getEnv() == null ? List.<EnvVar>of() : container.getEnv()) {
            if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
                keys.put(env.getName(), env.getValueFrom().getSecretKeyRef().getKey());
            }
        }
        return keys;
    }

    /** The ConfigMap values a container sees, later envFrom sources winning as in Kubernetes. */
    private static Map<String, String> effectiveConfig(Manifests manifests, Container container) {
        Map<String, String> config = new LinkedHashMap<>();
        container.getEnvFrom().stream().map(EnvFromSource::getConfigMapRef).filter(Objects::nonNull)
                .forEach(ref -> config.putAll(manifests.named(ConfigMap.class, ref.getName()).getData()));
        return config;
    }
}
