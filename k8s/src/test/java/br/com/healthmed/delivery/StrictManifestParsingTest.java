package br.com.healthmed.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

class StrictManifestParsingTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: sample
            spec:
              replicas: 2
              selector:
                matchLabels:
                  app: sample
              template:
                metadata:
                  labels:
                    app: sample
                spec:
                  containers:
                    - name: sample
                      image: sample:1
                      readinessProbe:
                        httpGet:
                          path: /actuator/health/readiness
                          port: 8080
                      securityContext:
                        runAsNonRoot: true
            """;

    private static Object parse(String yaml) {
        return Manifests.parse(Kustomize.readDocuments(yaml).getFirst());
    }

    @Test
    void a_well_formed_deployment_binds_to_the_typed_model() {
        assertThat(parse(DEPLOYMENT)).isInstanceOfSatisfying(Deployment.class,
                deployment -> assertThat(deployment.getSpec().getReplicas()).isEqualTo(2));
    }

    @Test
    void a_misspelt_field_deep_in_a_container_fails_and_names_its_path() {
        String misspelt = DEPLOYMENT.replace("readinessProbe:", "readynessProbe:");

        assertThatThrownBy(() -> parse(misspelt))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("readynessProbe");
    }

    @Test
    void a_misspelt_field_inside_a_nested_object_fails_too() {
        String misspelt = DEPLOYMENT.replace("path: /actuator", "pth: /actuator");

        assertThatThrownBy(() -> parse(misspelt)).hasMessageContaining("pth");
    }

    @Test
    void a_quoted_string_where_a_boolean_belongs_is_not_coerced() {
        String quoted = DEPLOYMENT.replace("runAsNonRoot: true", "runAsNonRoot: \"true\"");

        assertThatThrownBy(() -> parse(quoted)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_kind_without_a_typed_model_is_rejected() {
        String unknownKind = DEPLOYMENT.replace("kind: Deployment", "kind: Deploymnet");

        assertThatThrownBy(() -> parse(unknownKind)).hasMessageContaining("no typed model for apps/v1/Deploymnet");
    }

    @Test
    void a_key_repeated_in_one_mapping_is_rejected() {
        String repeated = DEPLOYMENT.replace("  replicas: 2\n", "  replicas: 2\n  replicas: 3\n");

        assertThatThrownBy(() -> parse(repeated)).hasMessageContaining("replicas");
    }
}
