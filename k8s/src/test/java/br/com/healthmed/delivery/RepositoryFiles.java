package br.com.healthmed.delivery;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the delivery descriptors live, seen from this module's tests (Maven runs them in k8s/). */
final class RepositoryFiles {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path K8S = ROOT.resolve("k8s");

    private RepositoryFiles() {
    }

    static Path require(Path path) {
        if (!Files.exists(path)) {
            throw new AssertionError("missing " + ROOT.relativize(path));
        }
        return path;
    }
}
