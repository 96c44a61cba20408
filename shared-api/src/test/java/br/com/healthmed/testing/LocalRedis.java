package br.com.healthmed.testing;

import redis.embedded.RedisServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/** A real Redis started from a Maven artifact: for tests (in memory) and for ./run.sh (append-only file on disk). */
public final class LocalRedis implements AutoCloseable {

    private final RedisServer server;
    private final int port;

    private LocalRedis(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static LocalRedis temporary() {
        int port = freePort();
        try {
            RedisServer server = RedisServer.newRedisServer()
                    .bind("127.0.0.1")
                    .port(port)
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .setting("databases 64")
                    .build();
            return start(server, port);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded Redis did not start", e);
        }
    }

    public static LocalRedis persistent(Path directory, int port) {
        try {
            Files.createDirectories(directory);
            RedisServer server = RedisServer.newRedisServer()
                    .bind("127.0.0.1")
                    .port(port)
                    .setting("dir \"" + directory.toAbsolutePath() + "\"")
                    .setting("appendonly yes")
                    .build();
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
