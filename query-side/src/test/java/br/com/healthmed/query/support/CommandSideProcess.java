package br.com.healthmed.query.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The real command side, started from the jar the build packaged, as its own process: the end-to-end tests drive it
 * over HTTP exactly like a client would, with no access to its code (the query side may not depend on it).
 */
public final class CommandSideProcess implements AutoCloseable {

    private static final Path TARGET = Path.of("../command-side/target").toAbsolutePath().normalize();
    private static final Duration STARTUP = Duration.ofMinutes(5);

    private final Process process;
    private final int port;
    private final Path log;

    private CommandSideProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static CommandSideProcess start(Map<String, String> environment) {
        return start(environment, "command-side-e2e.log");
    }

    /** {@code logName}: a file in command-side/target of its own, when a test runs more than one command side. */
    public static CommandSideProcess start(Map<String, String> environment, String logName) {
        Path jar = jar();
        int port = freePort();
        Path log = TARGET.resolve(logName);
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        try {
            CommandSideProcess started = new CommandSideProcess(builder.start(), port, log);
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
            started.awaitReady();
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the command side from " + jar, e);
        }
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    private void awaitReady() {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the command side exited during start-up; see " + log);
            }
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create(baseUrl() + "/actuator/health/readiness")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("UP")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep();
        }
        close();
        throw new IllegalStateException("the command side was not ready within " + STARTUP + "; see " + log);
    }

    private static Path jar() {
        try (Stream<Path> files = Files.list(TARGET)) {
            return files.filter(file -> file.getFileName().toString().matches("command-side-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no command-side jar in " + TARGET
                            + ": build the whole project (./mvnw verify) so the command side is packaged first"));
        } catch (IOException e) {
            throw new IllegalStateException("no command-side build in " + TARGET
                    + ": build the whole project (./mvnw verify) so the command side is packaged first", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
