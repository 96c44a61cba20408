package br.com.healthmed.command.security;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;

/**
 * A test-only endpoint behind the security chain that answers who the caller is. Importing this class registers its
 * nested components; being a test configuration keeps them out of every other test's component scan.
 */
@TestConfiguration(proxyBeanMethods = false)
public class SecurityProbe {

    @RestController
    static class ProbeController {

        @GetMapping("/api/probe/me")
        Map<String, String> me(@AuthenticationPrincipal Actor actor) {
            return Map.of("userId", actor.userId().toString(), "role", actor.role().name());
        }
    }
}
