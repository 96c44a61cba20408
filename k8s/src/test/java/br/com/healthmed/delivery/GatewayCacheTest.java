package br.com.healthmed.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The nginx gateways' micro-cache (ADR 0031) must never share an answer meant for one caller: requests with a token or
 * a read-your-writes header neither read nor fill it, only GET/HEAD are cached, and the applications' Cache-Control
 * decides what is cacheable (nothing overrides it).
 */
class GatewayCacheTest {

    private static final Pattern DIRECTIVE = Pattern.compile("^\\s*(proxy_[a-z_]+)\\s+([^;]*);", Pattern.MULTILINE);

    private static List<String> values(String conf, String directive) {
        Matcher matcher = DIRECTIVE.matcher(conf);
        return matcher.results().filter(m -> m.group(1).equals(directive)).map(m -> m.group(2).trim()).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"deploy/nginx/gateway.conf", "deploy/nginx/local-gateway.conf.template"})
    void a_request_with_a_token_or_a_consistency_token_never_reads_or_fills_the_cache(String file) throws IOException {
        String conf = Files.readString(RepositoryFiles.ROOT.resolve(file));

        assertThat(values(conf, "proxy_cache")).containsExactly("healthmed_public_reads");
        assertThat(values(conf, "proxy_cache_bypass")).singleElement().asString()
                .contains("$http_authorization", "$http_x_consistency_token");
        assertThat(values(conf, "proxy_no_cache")).singleElement().asString()
                .contains("$http_authorization", "$http_x_consistency_token");
        assertThat(values(conf, "proxy_cache_key")).containsExactly("$request_uri");
        assertThat(values(conf, "proxy_cache_methods")).as("nginx's default: GET and HEAD only").isEmpty();
        assertThat(values(conf, "proxy_cache_valid")).as("lifetimes come from the applications' Cache-Control").isEmpty();
        assertThat(values(conf, "proxy_ignore_headers")).as("Cache-Control: no-store is always obeyed").isEmpty();
    }
}
