package br.com.healthmed.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * coturn for the online consultation (ADR 0027): TURN REST API credentials from the shared secret only, never a static
 * user; no relaying into private address ranges (the cluster, the stores); the listening port published for both UDP
 * and TCP; and the command side given the same secret and the ICE servers' addresses.
 */
class CoturnManifestTest {

    private static final List<String> PRIVATE_RANGES = List.of("10.0.0.0-10.255.255.255", "172.16.0.0-172.31.255.255",
            "192.168.0.0-192.168.255.255", "127.0.0.0-127.255.255.255", "169.254.0.0-169.254.255.255",
            "100.64.0.0-100.127.255.255");

    private static Container coturn(Manifests manifests) {
        return manifests.named(Deployment.class, "coturn").getSpec().getTemplate().getSpec().getContainers().getFirst();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void coturn_authenticates_with_the_shared_secret_only(String overlay) {
        Container coturn = coturn(Manifests.overlay(overlay));

        assertThat(coturn.getArgs()).contains("--use-auth-secret", "--static-auth-secret=$(HEALTHMED_TURN_SECRET)")
                .noneMatch(arg -> arg.startsWith("--user") && !arg.startsWith("--userdb"))
                .noneMatch(arg -> arg.startsWith("--lt-cred-mech"));
        assertThat(coturn.getEnv()).singleElement().satisfies(env -> {
            assertThat(env.getName()).isEqualTo("HEALTHMED_TURN_SECRET");
            assertThat(env.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("HEALTHMED_TURN_SECRET");
            assertThat(env.getValueFrom().getSecretKeyRef().getOptional()).as("never started without a secret").isNotEqualTo(Boolean.TRUE);
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void coturn_never_relays_into_private_address_ranges(String overlay) {
        assertThat(coturn(Manifests.overlay(overlay)).getArgs())
                .containsAll(PRIVATE_RANGES.stream().map(range -> "--denied-peer-ip=" + range).toList())
                .contains("--no-multicast-peers")
                .noneMatch(arg -> arg.startsWith("--allow-loopback-peers"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void coturn_binds_its_relay_ports_on_a_turn_node_and_publishes_its_listening_port_for_udp_and_tcp(String overlay) {
        Manifests manifests = Manifests.overlay(overlay);
        Deployment deployment = manifests.named(Deployment.class, "coturn");
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();

        assertThat(pod.getHostNetwork()).isTrue();
        assertThat(pod.getDnsPolicy()).isEqualTo("ClusterFirstWithHostNet");
        assertThat(pod.getNodeSelector()).containsEntry("healthmed.com.br/turn", "true");
        assertThat(deployment.getSpec().getStrategy().getType()).as("two pods cannot hold one node's ports").isEqualTo("Recreate");
        assertThat(coturn(manifests).getArgs()).contains("--min-port=49160", "--max-port=49999", "--listening-port=3478");
        assertThat(coturn(manifests).getPorts()).extracting(ContainerPort::getProtocol).containsExactlyInAnyOrder("UDP", "TCP");
        assertThat(coturn(manifests).getReadinessProbe().getTcpSocket()).isNotNull();

        Service service = manifests.named(Service.class, "coturn");
        assertThat(service.getSpec().getType()).isEqualTo("LoadBalancer");
        assertThat(service.getSpec().getPorts()).extracting(ServicePort::getPort).containsOnly(3478);
        assertThat(service.getSpec().getPorts()).extracting(ServicePort::getProtocol).containsExactlyInAnyOrder("UDP", "TCP");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void the_command_side_hands_out_the_ice_servers_with_credentials_from_the_same_secret(String overlay) {
        Manifests manifests = Manifests.overlay(overlay);
        Container commandSide = manifests.named(Deployment.class, "command-side").getSpec().getTemplate().getSpec()
                .getContainers().getFirst();

        assertThat(commandSide.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("HEALTHMED_TURN_SECRET");
            assertThat(env.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("HEALTHMED_TURN_SECRET");
        });
        assertThat(manifests.named(io.fabric8.kubernetes.api.model.ConfigMap.class, "command-side-config").getData())
                .hasEntrySatisfying("HEALTHMED_TURN_URLS", urls -> assertThat(urls).startsWith("turn:"))
                .hasEntrySatisfying("HEALTHMED_STUN_URLS", urls -> assertThat(urls).startsWith("stun:"));
    }
}
