package br.com.healthmed.command.consultation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A Debian package's binary a test needs (coturn's {@code turnserver}, {@code chromium} and {@code chromedriver}).
 * Where {@code HEALTHMED_REQUIRE_MEDIA_TOOLS=true} (set by {@code .ci/run}, which installs them), a missing one fails
 * the test; elsewhere the test is skipped and says what to install, so a skip never passes for a run in CI.
 */
final class InstalledTool {

    private InstalledTool() {
    }

    static Path require(String binary, String debianPackage) {
        Optional<Path> found = Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(":"))
                .map(directory -> Path.of(directory, binary))
                .filter(Files::isExecutable)
                .findFirst();
        if (found.isEmpty() && "true".equals(System.getenv("HEALTHMED_REQUIRE_MEDIA_TOOLS"))) {
            fail("%s is required here: apt-get install %s", binary, debianPackage);
        }
        assumeTrue(found.isPresent(), binary + " is not installed (apt-get install " + debianPackage + ")");
        return found.orElseThrow();
    }
}
