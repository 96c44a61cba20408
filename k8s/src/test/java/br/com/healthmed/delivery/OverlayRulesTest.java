package br.com.healthmed.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rules every overlay must satisfy after composition, checked on the typed models. */
class OverlayRulesTest {

    /** server.shutdown=graceful with spring.lifecycle.timeout-per-shutdown-phase=20s in both apps. */
    private static final int GRACEFUL_SHUTDOWN_SECONDS = 20;

    private static int minimumReplicas(String overlay) {
        return overlay.equals("prod") ? 3 : 2;
    }

    /** The two applications; coturn (tier "media", CoturnManifestTest) is neither scaled nor probed like them. */
    private static List<Deployment> apps(Manifests manifests) {
        return manifests.ofKind(Deployment.class).stream()
                .filter(deployment -> "app".equals(deployment.getMetadata().getLabels().get("healthmed.com.br/tier")))
                .toList();
    }

    private static Stream<Container> containers(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().stream();
    }

    private static boolean selects(Map<String, String> selector, PodTemplateSpec template) {
        Map<String, String> labels = template.getMetadata().getLabels();
        return selector != null && !selector.isEmpty() && labels != null
                && labels.entrySet().containsAll(selector.entrySet());
    }

    private static List<PodTemplateSpec> podTemplates(Manifests manifests) {
        return Stream.of(
                manifests.ofKind(Deployment.class).stream().map(d -> d.getSpec().getTemplate()),
                manifests.ofKind(StatefulSet.class).stream().map(s -> s.getSpec().getTemplate()),
                manifests.ofKind(Job.class).stream().map(j -> j.getSpec().getTemplate()))
                .flatMap(s -> s)
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void every_composed_document_binds_to_its_typed_model_without_unknown_fields(String overlay) {
        Manifests manifests = Manifests.overlay(overlay);

        assertThat(manifests.ofKind(Deployment.class)).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrder("command-side", "query-side", "coturn");
        assertThat(apps(manifests)).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrder("command-side", "query-side");
        assertThat(manifests.all()).allSatisfy(object -> assertThat(object.getMetadata().getNamespace())
                .isEqualTo(overlay.equals("prod") ? "healthmed" : "healthmed-dev"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void every_deployment_probes_startup_readiness_and_liveness_on_the_actuator_health_groups(String overlay) {
        for (Deployment deployment : apps(Manifests.overlay(overlay))) {
            assertThat(containers(deployment)).allSatisfy(container -> {
                assertThat(httpPath(container.getStartupProbe())).isEqualTo("/actuator/health/liveness");
                assertThat(httpPath(container.getReadinessProbe())).isEqualTo("/actuator/health/readiness");
                assertThat(httpPath(container.getLivenessProbe())).isEqualTo("/actuator/health/liveness");
                String port = container.getReadinessProbe().getHttpGet().getPort().getStrVal();
                assertThat(container.getPorts()).anySatisfy(p -> assertThat(p.getName()).isEqualTo(port));
            });
        }
    }

    private static String httpPath(Probe probe) {
        return Optional.ofNullable(probe).map(Probe::getHttpGet).map(HTTPGetAction::getPath).orElse(null);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void every_deployment_container_requests_and_limits_cpu_and_memory(String overlay) {
        for (Deployment deployment : Manifests.overlay(overlay).ofKind(Deployment.class)) {
            assertThat(containers(deployment)).allSatisfy(container -> {
                Map<String, Quantity> requests = container.getResources().getRequests();
                Map<String, Quantity> limits = container.getResources().getLimits();
                assertThat(requests).containsKeys("cpu", "memory");
                assertThat(limits).containsKeys("cpu", "memory");
                for (String resource : List.of("cpu", "memory")) {
                    assertThat(Quantity.getAmountInBytes(limits.get(resource)))
                            .isGreaterThanOrEqualTo(Quantity.getAmountInBytes(requests.get(resource)));
                }
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void every_deployment_runs_as_a_numeric_non_root_user_on_a_read_only_root_filesystem(String overlay) {
        for (Deployment deployment : Manifests.overlay(overlay).ofKind(Deployment.class)) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            PodSecurityContext podContext = pod.getSecurityContext();
            assertThat(podContext.getRunAsNonRoot()).isTrue();
            assertThat(podContext.getRunAsUser()).isPositive();
            assertThat(podContext.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(pod.getAutomountServiceAccountToken()).isFalse();
            assertThat(containers(deployment)).allSatisfy(container -> {
                SecurityContext context = container.getSecurityContext();
                assertThat(context.getRunAsNonRoot()).isTrue();
                assertThat(context.getRunAsUser()).isPositive();
                assertThat(context.getReadOnlyRootFilesystem()).isTrue();
                assertThat(context.getAllowPrivilegeEscalation()).isFalse();
                assertThat(context.getCapabilities().getDrop()).containsExactly("ALL");
                assertThat(context.getCapabilities().getAdd()).isNullOrEmpty();
                assertThat(context.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
                String tmpVolume = container.getVolumeMounts().stream()
                        .filter(mount -> mount.getMountPath().equals("/tmp"))
                        .findFirst().orElseThrow(() -> new AssertionError("no /tmp mount")).getName();
                assertThat(pod.getVolumes()).filteredOn(volume -> volume.getName().equals(tmpVolume))
                        .singleElement().extracting(Volume::getEmptyDir).isNotNull();
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void every_deployment_keeps_its_minimum_replicas_and_rolls_out_without_losing_capacity(String overlay) {
        for (Deployment deployment : apps(Manifests.overlay(overlay))) {
            assertThat(deployment.getSpec().getReplicas()).isGreaterThanOrEqualTo(minimumReplicas(overlay));
            assertThat(deployment.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
            RollingUpdateDeployment rolling = deployment.getSpec().getStrategy().getRollingUpdate();
            assertThat(rolling.getMaxUnavailable().getIntVal()).isZero();
            assertThat(rolling.getMaxSurge().getIntVal()).isEqualTo(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void every_deployment_spreads_its_pods_across_nodes_and_zones(String overlay) {
        for (Deployment deployment : apps(Manifests.overlay(overlay))) {
            List<TopologySpreadConstraint> constraints = deployment.getSpec().getTemplate().getSpec()
                    .getTopologySpreadConstraints();
            assertThat(constraints).extracting(TopologySpreadConstraint::getTopologyKey)
                    .containsExactlyInAnyOrder("kubernetes.io/hostname", "topology.kubernetes.io/zone");
            assertThat(constraints).allSatisfy(constraint -> {
                assertThat(constraint.getMaxSkew()).isEqualTo(1);
                assertThat(selects(constraint.getLabelSelector().getMatchLabels(), deployment.getSpec().getTemplate()))
                        .as("spread selector matches the pods").isTrue();
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void every_deployment_pauses_before_stopping_and_grants_more_grace_than_the_pause_plus_graceful_shutdown(
            String overlay) {
        for (Deployment deployment : apps(Manifests.overlay(overlay))) {
            long grace = deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
            assertThat(containers(deployment)).allSatisfy(container -> {
                long preStop = container.getLifecycle().getPreStop().getSleep().getSeconds();
                assertThat(preStop).isPositive();
                assertThat(grace).isGreaterThan(preStop + GRACEFUL_SHUTDOWN_SECONDS);
            });
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void every_deployment_has_exactly_one_cpu_autoscaler_and_one_disruption_budget(String overlay) {
        Manifests manifests = Manifests.overlay(overlay);
        for (Deployment deployment : apps(manifests)) {
            String name = deployment.getMetadata().getName();
            List<HorizontalPodAutoscaler> autoscalers = manifests.ofKind(HorizontalPodAutoscaler.class).stream()
                    .filter(hpa -> hpa.getSpec().getScaleTargetRef().getKind().equals("Deployment")
                            && hpa.getSpec().getScaleTargetRef().getName().equals(name))
                    .toList();
            assertThat(autoscalers).as("HPAs of " + name).hasSize(1);
            HorizontalPodAutoscaler hpa = autoscalers.getFirst();
            assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(minimumReplicas(overlay))
                    .isLessThanOrEqualTo(deployment.getSpec().getReplicas());
            assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThan(hpa.getSpec().getMinReplicas())
                    .isGreaterThanOrEqualTo(deployment.getSpec().getReplicas());
            assertThat(hpa.getSpec().getMetrics()).extracting(MetricSpec::getType).contains("Resource");
            assertThat(hpa.getSpec().getMetrics()).anySatisfy(metric -> {
                assertThat(metric.getResource().getName()).isEqualTo("cpu");
                assertThat(metric.getResource().getTarget().getType()).isEqualTo("Utilization");
                assertThat(metric.getResource().getTarget().getAverageUtilization()).isBetween(50, 85);
            });

            List<PodDisruptionBudget> budgets = manifests.ofKind(PodDisruptionBudget.class).stream()
                    .filter(pdb -> selects(pdb.getSpec().getSelector().getMatchLabels(), deployment.getSpec().getTemplate()))
                    .toList();
            assertThat(budgets).as("PDBs of " + name).hasSize(1);
            PodDisruptionBudget pdb = budgets.getFirst();
            boolean keepsOne = pdb.getSpec().getMinAvailable() != null && pdb.getSpec().getMinAvailable().getIntVal() != null
                    && pdb.getSpec().getMinAvailable().getIntVal() >= 1;
            boolean losesOne = pdb.getSpec().getMaxUnavailable() != null
                    && Objects.equals(pdb.getSpec().getMaxUnavailable().getIntVal(), 1);
            assertThat(keepsOne ^ losesOne).as("PDB of " + name + " sets minAvailable >= 1 or maxUnavailable 1").isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void every_service_selects_pods_of_the_overlay_on_a_port_they_declare(String overlay) {
        Manifests manifests = Manifests.overlay(overlay);
        List<PodTemplateSpec> templates = podTemplates(manifests);
        for (Service service : manifests.ofKind(Service.class)) {
            List<PodTemplateSpec> selected = templates.stream()
                    .filter(template -> selects(service.getSpec().getSelector(), template)).toList();
            assertThat(selected).as("pods selected by Service " + service.getMetadata().getName()).isNotEmpty();
            for (ServicePort port : service.getSpec().getPorts()) {
                String target = port.getTargetPort().getStrVal();
                assertThat(selected.getFirst().getSpec().getContainers())
                        .flatMap(Container::getPorts)
                        .as("Service %s targetPort %s", service.getMetadata().getName(), target)
                        .anySatisfy(containerPort -> assertThat(containerPort.getName()).isEqualTo(target));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void every_app_image_is_pinned_to_a_tag_other_than_latest(String overlay) {
        for (Deployment deployment : Manifests.overlay(overlay).ofKind(Deployment.class)) {
            assertThat(containers(deployment)).allSatisfy(container -> assertThat(container.getImage())
                    .matches("[^:]+:[\\w.-]+").doesNotEndWith(":latest"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void no_secret_object_is_composed_and_every_secret_reference_names_healthmed_secrets(String overlay) {
        Manifests manifests = Manifests.overlay(overlay);

        assertThat(manifests.ofKind(Secret.class)).isEmpty();
        List<Container> all = podTemplates(manifests).stream()
                .flatMap(template -> template.getSpec().getContainers().stream()).toList();
        assertThat(all).flatMap(container -> container.getEnv() == null ? List.of() : container.getEnv())
                .filteredOn(env -> env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null)
                .isNotEmpty()
                .allSatisfy(env -> assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("healthmed-secrets"));
        assertThat(all).flatMap(container -> container.getEnv() == null ? List.of() : container.getEnv())
                .filteredOn(env -> env.getValue() != null)
                .extracting(EnvVar::getName)
                .as("variables with an inline value")
                .noneMatch(name -> name.matches(".*(PASSWORD|_KEY|TOKEN|MONGODB_URI).*"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void each_side_receives_exactly_the_secrets_it_needs(String overlay) {
        Manifests manifests = Manifests.overlay(overlay);

        assertThat(secretKeys(manifests.named(Deployment.class, "command-side"))).contains("DATABASE_PASSWORD",
                "REDIS_PASSWORD", "HEALTHMED_PRIVACY_MASTER_KEY", "HEALTHMED_PRIVACY_LOOKUP_KEY", "HEALTHMED_ADMIN_EMAIL",
                "HEALTHMED_ADMIN_PASSWORD", "HEALTHMED_ADMIN_TOTP_SECRET", "HEALTHMED_JWT_PRIVATE_KEY",
                "HEALTHMED_JWT_PUBLIC_KEY", "SPRING_MAIL_HOST", "SPRING_MAIL_PASSWORD", "HEALTHMED_TURN_SECRET")
                .doesNotContain("MONGODB_URI");
        assertThat(secretKeys(manifests.named(Deployment.class, "query-side"))).contains("DATABASE_PASSWORD",
                "REDIS_PASSWORD", "MONGODB_URI", "HEALTHMED_PRIVACY_MASTER_KEY", "HEALTHMED_JWT_PUBLIC_KEY")
                .doesNotContain("HEALTHMED_JWT_PRIVATE_KEY", "HEALTHMED_PRIVACY_LOOKUP_KEY", "HEALTHMED_ADMIN_PASSWORD",
                        "HEALTHMED_ADMIN_TOTP_SECRET", "SPRING_MAIL_PASSWORD", "HEALTHMED_TURN_SECRET");
        assertThat(secretKeys(manifests.named(Deployment.class, "coturn"))).containsExactly("HEALTHMED_TURN_SECRET");
        for (Deployment deployment : manifests.ofKind(Deployment.class)) {
            assertThat(containers(deployment)).flatMap(Container::getEnvFrom)
                    .as("whole-Secret envFrom hands every key to every side")
                    .allSatisfy(source -> assertThat(source.getSecretRef()).isNull());
        }
    }

    private static List<String> secretKeys(Deployment deployment) {
        return containers(deployment).flatMap(container -> container.getEnv().stream())
                .filter(env -> env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null)
                .map(EnvVar::getName).toList();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void every_config_map_an_app_reads_exists_and_points_it_at_the_stores(String overlay) {
        Manifests manifests = Manifests.overlay(overlay);
        for (Deployment deployment : apps(manifests)) {
            List<String> configMaps = containers(deployment).flatMap(container -> container.getEnvFrom().stream())
                    .map(EnvFromSource::getConfigMapRef).filter(Objects::nonNull).map(ref -> ref.getName()).toList();
            assertThat(configMaps).contains("healthmed-config");
            configMaps.forEach(name -> manifests.named(ConfigMap.class, name));
        }
        Map<String, String> config = manifests.named(ConfigMap.class, "healthmed-config")
                .getData();
        assertThat(config).containsKeys("DATABASE_URL", "DATABASE_USERNAME", "REDIS_HOST", "REDIS_PORT",
                "AXON_SERVER_SERVERS");
        assertThat(config.get("DATABASE_URL")).startsWith("jdbc:postgresql://");
        assertThat(config.get("AXON_SERVER_SERVERS")).as("both overlays use Axon Server").isNotBlank();
    }

}
