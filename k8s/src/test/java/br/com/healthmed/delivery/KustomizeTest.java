package br.com.healthmed.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KustomizeTest {

    private static final String BASE = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: app
            spec:
              replicas: 2
              selector:
                matchLabels:
                  app: app
              template:
                metadata:
                  labels:
                    app: app
                spec:
                  containers:
                    - name: app
                      image: example/app
                      env:
                        - name: KEPT
                          value: base
                        - name: CHANGED
                          value: base
            ---
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata:
              name: route
            spec:
              hostnames:
                - base.example
                - other.example
            """;

    @TempDir
    Path root;

    private Path write(String relative, String content) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path overlayWith(String patch) {
        write("base/kustomization.yaml", "resources:\n  - app.yaml\n");
        write("base/app.yaml", BASE);
        write("overlay/patch.yaml", patch);
        return write("overlay/kustomization.yaml", """
                namespace: team
                resources:
                  - ../base
                patches:
                  - path: patch.yaml
                images:
                  - name: example/app
                    newTag: "1.2"
                """).getParent();
    }

    @Test
    void a_patch_merges_containers_and_env_by_name_and_the_overlay_sets_namespace_and_image_tag() {
        Manifests composed = Manifests.of(overlayWith("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: app
                spec:
                  replicas: 3
                  template:
                    spec:
                      containers:
                        - name: app
                          env:
                            - name: CHANGED
                              value: overlay
                            - name: ADDED
                              value: overlay
                """));

        Deployment app = composed.named(Deployment.class, "app");
        assertThat(app.getSpec().getReplicas()).isEqualTo(3);
        assertThat(app.getMetadata().getNamespace()).isEqualTo("team");
        assertThat(app.getSpec().getTemplate().getSpec().getContainers()).singleElement().satisfies(container -> {
            assertThat(container.getImage()).isEqualTo("example/app:1.2");
            assertThat(container.getEnv()).extracting(EnvVar::getName, EnvVar::getValue).containsExactly(
                    tuple("KEPT", "base"),
                    tuple("CHANGED", "overlay"),
                    tuple("ADDED", "overlay"));
        });
    }

    @Test
    void a_list_of_a_custom_resource_is_replaced_not_merged() {
        Manifests composed = Manifests.of(overlayWith("""
                apiVersion: gateway.networking.k8s.io/v1
                kind: HTTPRoute
                metadata:
                  name: route
                spec:
                  hostnames:
                    - overlay.example
                """));

        assertThat(composed.named(HTTPRoute.class, "route").getSpec().getHostnames()).containsExactly("overlay.example");
    }

    @Test
    void a_patch_without_a_target_of_the_same_kind_and_name_fails() {
        Path overlay = overlayWith("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: ap
                spec:
                  replicas: 3
                """);

        assertThatThrownBy(() -> Kustomize.build(overlay)).hasMessageContaining("Deployment/ap matches 0 resources");
    }

    @Test
    void a_kustomization_field_outside_the_modelled_subset_fails() {
        write("base/kustomization.yaml", "resources:\n  - app.yaml\ncommonLabels:\n  team: a\n");
        write("base/app.yaml", BASE);

        assertThatThrownBy(() -> Kustomize.build(root.resolve("base"))).hasMessageContaining("commonLabels");
    }

    @Test
    void no_yaml_under_k8s_commits_a_secret_except_the_placeholder_example_that_no_kustomization_includes()
            throws IOException {
        List<Path> yaml;
        try (Stream<Path> files = Files.walk(RepositoryFiles.K8S)) {
            yaml = files.filter(file -> file.toString().endsWith(".yaml") && !file.toString().contains("/target/"))
                    .toList();
        }
        assertThat(yaml).hasSizeGreaterThan(10);
        for (Path file : yaml) {
            List<Map<String, Object>> documents = Kustomize.readDocuments(file);
            boolean example = file.getFileName().toString().equals("secret.example.yaml");
            for (Map<String, Object> document : documents) {
                if ("Secret".equals(document.get("kind"))) {
                    assertThat(example).as(file + " holds a Secret").isTrue();
                    Map<?, ?> values = (Map<?, ?>) document.get("stringData");
                    assertThat(document).doesNotContainKey("data");
                    assertThat(values.values()).as("placeholders only").allSatisfy(value -> assertThat(value).isEqualTo("change-me"));
                }
                if ("Kustomization".equals(document.get("kind"))) {
                    assertThat(String.valueOf(document.get("resources"))).doesNotContain("secret");
                }
            }
        }
    }

    @Test
    void the_secret_example_lists_every_key_the_manifests_reference() {
        Map<String, Object> example = Kustomize.readDocuments(RepositoryFiles.require(
                RepositoryFiles.K8S.resolve("base/secret.example.yaml"))).getFirst();
        Map<?, ?> keys = (Map<?, ?>) example.get("stringData");

        for (String overlay : List.of("dev", "prod")) {
            Manifests.overlay(overlay).ofKind(Deployment.class).stream()
                    .flatMap(app -> app.getSpec().getTemplate().getSpec().getContainers().stream())
                    .flatMap(container -> container.getEnv().stream())
                    .filter(env -> env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null)
                    .forEach(env -> assertThat(keys.containsKey(env.getValueFrom().getSecretKeyRef().getKey()))
                            .as("secret.example.yaml lists " + env.getValueFrom().getSecretKeyRef().getKey()).isTrue());
        }
    }
}
