package br.com.healthmed.testing;

import redis.embedded.RedisServer;
import redis.embedded.core.RedisServerBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A real Redis started from a Maven artifact: for tests (in memory) and for ./run.sh (append-only file on disk). */
public final class LocalRedis implements AutoCloseable {

    private final RedisServer server;
    private final int port;

    private LocalRedis(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** {@code users}: ACL {@code user} directives ({@link StoreAccounts#redisUserDirectives}). */
    public static LocalRedis temporary(List<String> users) {
        int port = freePort();
        try {
            RedisServerBuilder builder = RedisServer.newRedisServer()
                    .bind("127.0.0.1")
                    .port(port)
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .setting("databases 64");
            users.forEach(builder::setting);
            RedisServer server = builder.build();
            return start(server, port);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded Redis did not start", e);
        }
    }

    public static LocalRedis persistent(Path directory, int port, List<String> users) {
        try {
            Files.createDirectories(directory);
            RedisServerBuilder builder = RedisServer.newRedisServer()
                    .bind("127.0.0.1")
                    .port(port)
                    .setting("dir \"" + directory.toAbsolutePath() + "\"")
                    .setting("appendonly yes");
            users.forEach(builder::setting);
            RedisServer server = builder.build();
            return start(server, port);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded Redis did not start", e);
        }
    }

    private static LocalRedis start(RedisServer server, int port) throws IOException {
        server.start();
        return new LocalRedis(server, port);
    }

    public int port() {
        return port;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
