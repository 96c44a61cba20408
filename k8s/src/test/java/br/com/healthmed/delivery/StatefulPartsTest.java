package br.com.healthmed.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

class StatefulPartsTest {

    /** The two applications; coturn (tier "media", CoturnManifestTest) has its own rules. */
    private static List<Deployment> apps(Manifests manifests) {
        return manifests.ofKind(Deployment.class).stream()
                .filter(deployment -> "app".equals(deployment.getMetadata().getLabels().get("healthmed.com.br/tier")))
                .toList();
    }

    @Test
    void dev_runs_postgres_redis_mongodb_and_axon_server_as_stateful_sets_on_their_own_volumes() {
        Manifests dev = Manifests.overlay("dev");

        assertThat(dev.ofKind(StatefulSet.class)).extracting(s -> s.getMetadata().getName())
                .containsExactlyInAnyOrder("postgres", "redis", "mongodb", "axonserver");
        assertThat(dev.ofKind(StatefulSet.class)).allSatisfy(store -> {
            List<String> claims = store.getSpec().getVolumeClaimTemplates().stream()
                    .map(claim -> claim.getMetadata().getName()).toList();
            assertThat(claims).isNotEmpty();
            assertThat(store.getSpec().getVolumeClaimTemplates()).extracting(PersistentVolumeClaim::getSpec)
                    .allSatisfy(spec -> assertThat(spec.getResources().getRequests()).containsKey("storage"));
            List<String> mounted = store.getSpec().getTemplate().getSpec().getContainers().stream()
                    .flatMap(container -> container.getVolumeMounts().stream()).map(VolumeMount::getName).toList();
            assertThat(mounted).as("claims mounted by " + store.getMetadata().getName()).containsAll(claims);
            Service headless = dev.named(Service.class, store.getSpec().getServiceName());
            assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
            assertThat(store.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
            assertThat(store.getSpec().getTemplate().getSpec().getContainers()).allSatisfy(container -> {
                assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
                assertThat(container.getResources().getLimits()).containsKeys("cpu", "memory");
                assertThat(container.getReadinessProbe()).isNotNull();
                assertThat(container.getLivenessProbe()).isNotNull();
                assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
            });
        });
    }

    @Test
    void dev_mongodb_is_a_three_member_replica_set_that_the_apps_address_through_the_secret() {
        Manifests dev = Manifests.overlay("dev");
        StatefulSet mongodb = dev.named(StatefulSet.class, "mongodb");

        assertThat(mongodb.getSpec().getReplicas()).isEqualTo(3);
        assertThat(mongodb.getSpec().getTemplate().getSpec().getContainers()).singleElement()
                .extracting(Container::getArgs).asInstanceOf(InstanceOfAssertFactories.LIST)
                .containsSequence("--replSet", "rs0");
        assertThat(dev.ofKind(Job.class)).singleElement()
                .satisfies(job -> assertThat(String.join(" ", job.getSpec().getTemplate().getSpec().getContainers()
                        .getFirst().getCommand())).contains("rs.initiate", "mongodb-2.mongodb:27017"));
    }

    @Test
    void dev_points_both_apps_at_the_axon_server_and_the_stores_running_in_the_namespace() {
        Manifests dev = Manifests.overlay("dev");
        Map<String, String> config = dev.named(ConfigMap.class, "healthmed-config").getData();

        assertThat(config.get("AXON_SERVER_SERVERS")).isEqualTo("axonserver-0.axonserver:8124");
        dev.named(Service.class, "axonserver");
        assertThat(config.get("DATABASE_URL")).startsWith("jdbc:postgresql://postgres:5432/");
        dev.named(Service.class, "postgres");
        assertThat(config.get("REDIS_HOST")).isEqualTo("redis");
        dev.named(Service.class, "redis");
        assertThat(apps(dev)).allSatisfy(app -> assertThat(app.getSpec().getReplicas()).isEqualTo(2));
    }

    @Test
    void prod_runs_no_database_pods_and_points_at_managed_services() {
        Manifests prod = Manifests.overlay("prod");
        Map<String, String> config = prod.named(ConfigMap.class, "healthmed-config").getData();

        assertThat(prod.ofKind(StatefulSet.class)).extracting(s -> s.getMetadata().getName())
                .noneMatch(name -> name.matches(".*(mongo|redis|postgres).*"));
        assertThat(prod.ofKind(Job.class)).isEmpty();
        assertThat(config.get("DATABASE_URL")).contains(".rds.amazonaws.com").contains("sslmode=require");
        assertThat(config.get("REDIS_HOST")).endsWith(".cache.amazonaws.com");
        assertThat(config.get("SPRING_DATA_REDIS_SSL_ENABLED")).isEqualTo("true");
        assertThat(config.get("AXON_SERVER_SERVERS")).as("managed Axon Server").isNotBlank().doesNotContain("axonserver-0");
        assertThat(config.get("AXON_AXONSERVER_SSL_ENABLED")).isEqualTo("true");
        assertThat(apps(prod)).allSatisfy(app -> assertThat(app.getSpec().getTemplate().getSpec()
                .getContainers().getFirst().getEnv()).anySatisfy(env -> {
                    assertThat(env.getName()).isEqualTo("AXON_AXONSERVER_TOKEN");
                    assertThat(env.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("AXON_AXONSERVER_TOKEN");
                }));
    }

    @Test
    void prod_scales_higher_than_dev_and_the_query_side_covers_the_20000_user_peak_with_a_zone_lost() {
        Manifests prod = Manifests.overlay("prod");
        Manifests dev = Manifests.overlay("dev");
        int users = 20_000;
        int thinkTimeSeconds = 10;
        int requestsPerPodPerSecond = 250;
        int peakPods = (users / thinkTimeSeconds + requestsPerPodPerSecond - 1) / requestsPerPodPerSecond;
        int peakPodsWithOneOfThreeZonesLost = (peakPods * 3 + 1) / 2;

        HorizontalPodAutoscaler query = prod.named(HorizontalPodAutoscaler.class, "query-side");
        assertThat(peakPods).isEqualTo(8);
        assertThat(query.getSpec().getMaxReplicas()).isGreaterThanOrEqualTo(peakPodsWithOneOfThreeZonesLost);
        assertThat(query.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(3);
        assertThat(apps(prod)).allSatisfy(app -> assertThat(app.getSpec().getReplicas())
                .isGreaterThanOrEqualTo(3));
        for (HorizontalPodAutoscaler hpa : prod.ofKind(HorizontalPodAutoscaler.class)) {
            HorizontalPodAutoscaler devHpa = dev.named(HorizontalPodAutoscaler.class, hpa.getMetadata().getName());
            assertThat(hpa.getSpec().getMinReplicas()).isGreaterThan(devHpa.getSpec().getMinReplicas());
            assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThan(devHpa.getSpec().getMaxReplicas());
        }
    }
}
