package br.com.healthmed.command.ratelimit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressTest {

    @Test
    void an_ipv4_address_is_its_own_client() {
        assertThat(ClientAddress.normalise("203.0.113.7")).isEqualTo("203.0.113.7");
    }

    @Test
    void an_ipv6_address_stands_for_its_slash_64_whatever_its_spelling() {
        assertThat(ClientAddress.normalise("2001:db8:aa:1::1")).isEqualTo("2001:db8:aa:1::/64");
        assertThat(ClientAddress.normalise("2001:0db8:00aa:0001:ffff:0:0:7")).isEqualTo("2001:db8:aa:1::/64");
        assertThat(ClientAddress.normalise("2001:db8:aa:2::1")).isEqualTo("2001:db8:aa:2::/64");
    }

    @Test
    void an_ipv4_mapped_ipv6_address_is_the_ipv4_client() {
        assertThat(ClientAddress.normalise("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
    }

    @Test
    void nothing_is_ever_resolved_and_a_missing_address_is_one_bucket() {
        assertThat(ClientAddress.normalise("gateway.internal")).isEqualTo("gateway.internal");
        assertThat(ClientAddress.normalise(null)).isEqualTo("unknown");
    }
}
