package br.com.healthmed.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkPolicyTest {

    private static final Map<String, String> APPS = Map.of("healthmed.com.br/tier", "app");
    private static final Map<String, String> STORES = Map.of("healthmed.com.br/tier", "store");
    private static final List<Integer> STORE_PORTS = List.of(5432, 6379, 27017, 8124);

    private static List<NetworkPolicy> selecting(Manifests manifests, Map<String, String> labels, String type) {
        return manifests.ofKind(NetworkPolicy.class).stream()
                .filter(policy -> policy.getSpec().getPolicyTypes().contains(type))
                .filter(policy -> {
                    Map<String, String> selector = policy.getSpec().getPodSelector().getMatchLabels();
                    return selector == null || labels.entrySet().containsAll(selector.entrySet());
                })
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void every_pod_is_denied_all_traffic_unless_a_policy_allows_it(String overlay) {
        NetworkPolicy deny = Manifests.overlay(overlay).named(NetworkPolicy.class, "default-deny");

        assertThat(deny.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
        assertThat(deny.getSpec().getPodSelector().getMatchExpressions()).isNullOrEmpty();
        assertThat(deny.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(deny.getSpec().getIngress()).isNullOrEmpty();
        assertThat(deny.getSpec().getEgress()).isNullOrEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void only_the_gateway_namespace_and_prometheus_reach_the_apps(String overlay) {
        List<NetworkPolicyPeer> sources = selecting(Manifests.overlay(overlay), APPS, "Ingress").stream()
                .flatMap(policy -> policy.getSpec().getIngress() == null ? Stream.empty()
                        : policy.getSpec().getIngress().stream())
                .peek(rule -> assertThat(rule.getPorts()).as("ingress to the apps names its port").isNotEmpty())
                .flatMap(rule -> rule.getFrom().stream())
                .toList();

        assertThat(sources).hasSize(2).allSatisfy(peer -> assertThat(peer.getIpBlock()).isNull());
        assertThat(sources).anySatisfy(peer -> {
            assertThat(peer.getNamespaceSelector().getMatchLabels())
                    .containsExactly(Map.entry("kubernetes.io/metadata.name", "envoy-gateway-system"));
            assertThat(peer.getPodSelector()).isNull();
        });
        assertThat(sources).anySatisfy(peer -> {
            assertThat(peer.getNamespaceSelector().getMatchLabels())
                    .containsExactly(Map.entry("kubernetes.io/metadata.name", "monitoring"));
            assertThat(peer.getPodSelector().getMatchLabels())
                    .containsExactly(Map.entry("app.kubernetes.io/name", "prometheus"));
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod"})
    void the_apps_reach_only_dns_and_the_store_ports(String overlay) {
        List<NetworkPolicy> egress = selecting(Manifests.overlay(overlay), APPS, "Egress");

        assertThat(egress).extracting(policy -> policy.getMetadata().getName())
                .containsExactlyInAnyOrder("default-deny", "allow-dns", "apps-to-stores");
        NetworkPolicy toStores = egress.stream().filter(p -> p.getMetadata().getName().equals("apps-to-stores"))
                .findFirst().orElseThrow();
        assertThat(toStores.getSpec().getEgress()).allSatisfy(rule -> {
            assertThat(rule.getPorts()).extracting(NetworkPolicyPort::getPort)
                    .allSatisfy(port -> assertThat(port.getIntVal()).isIn(STORE_PORTS));
            assertThat(rule.getTo()).isNotEmpty();
        });
    }

    @Test
    void in_dev_the_apps_reach_store_pods_and_only_apps_and_store_peers_reach_them() {
        Manifests dev = Manifests.overlay("dev");

        assertThat(dev.named(NetworkPolicy.class, "apps-to-stores").getSpec().getEgress())
                .flatMap(rule -> rule.getTo())
                .allSatisfy(peer -> assertThat(peer.getPodSelector().getMatchLabels()).isEqualTo(STORES));
        assertThat(dev.ofKind(StatefulSet.class)).allSatisfy(store -> assertThat(
                store.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(STORES));
        List<NetworkPolicyPeer> sources = selecting(dev, STORES, "Ingress").stream()
                .flatMap(policy -> policy.getSpec().getIngress() == null ? Stream.empty()
                        : policy.getSpec().getIngress().stream())
                .flatMap(rule -> rule.getFrom().stream())
                .toList();
        assertThat(sources).isNotEmpty().allSatisfy(peer -> {
            assertThat(peer.getNamespaceSelector()).as("no other namespace").isNull();
            assertThat(peer.getIpBlock()).isNull();
            assertThat(peer.getPodSelector().getMatchLabels()).isIn(APPS, STORES);
        });
    }

    @Test
    void in_prod_the_apps_reach_the_managed_stores_by_address_range() {
        List<NetworkPolicyPeer> peers = Manifests.overlay("prod").named(NetworkPolicy.class, "apps-to-stores")
                .getSpec().getEgress().stream().flatMap(rule -> rule.getTo().stream()).toList();

        assertThat(peers).isNotEmpty().allSatisfy(peer -> {
            assertThat(peer.getIpBlock()).isNotNull();
            assertThat(peer.getPodSelector()).isNull();
        });
    }
}
