package br.com.healthmed.delivery;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * nginx inherits the server's proxy_set_header directives only into locations that set none of their own, so every
 * location that sets one (the consultation's WebSocket upgrade) must repeat the forwarded headers: without Host the
 * applications saw nginx's upstream name and Tomcat refused the handshake with 400; without X-Forwarded-For the
 * throttles would key on the gateway's address.
 */
class GatewayForwardedHeadersTest {

    private static final Pattern LOCATION = Pattern.compile("location\\s+[^{]*\\{([^{}]*)}");
    private static final List<String> FORWARDED = List.of("proxy_set_header Host $http_host;",
            "proxy_set_header X-Forwarded-For $remote_addr;", "proxy_set_header X-Forwarded-Proto $scheme;",
            "proxy_set_header X-Real-IP $remote_addr;");

    @ParameterizedTest
    @ValueSource(strings = {"deploy/nginx/gateway.conf", "deploy/nginx/local-gateway.conf.template"})
    void a_location_with_headers_of_its_own_still_forwards_host_and_client_address(String file) throws IOException {
        String conf = Files.readString(RepositoryFiles.ROOT.resolve(file));
        Matcher locations = LOCATION.matcher(conf);
        int withOwnHeaders = 0;
        while (locations.find()) {
            String body = locations.group(1);
            if (body.contains("proxy_set_header")) {
                withOwnHeaders++;
                assertThat(body).as("a location of %s that sets headers of its own", file).contains(FORWARDED);
            }
        }
        assertThat(withOwnHeaders).as("the WebSocket upgrade location sets headers of its own").isPositive();
    }
}
