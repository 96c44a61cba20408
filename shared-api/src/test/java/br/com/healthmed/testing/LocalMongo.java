package br.com.healthmed.testing;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A MongoDB emulator (mongo-java-server) speaking the wire protocol: in memory for tests, on disk (H2 MVStore) for
 * ./run.sh. It covers the queries the read models use; a real MongoDB checks them again where Docker exists.
 */
public final class LocalMongo implements AutoCloseable {

    /**
     * The MongoDB Java driver 5 refuses servers below wire version 8 (MongoDB 4.2); the emulator's own versions
     * are either too old for the driver or announce features it does not implement.
     */
    static final MongoVersion MONGO_4_2 = new MongoVersion() {
        @Override
        public List<Integer> getVersionArray() {
            return List.of(4, 2, 0);
        }

        @Override
        public int getWireVersion() {
            return 8;
        }
    };

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final MongoServer server;
    private final String host;
    private final int port;

    private LocalMongo(MongoBackend backend, String host, int port) {
        backend.version(MONGO_4_2);
        this.server = new MongoServer(backend);
        this.server.bind(host, port);
        this.host = host;
        this.port = server.getLocalAddress().getPort();
    }

    /** Throw-away server in memory on a free port. */
    public static LocalMongo temporary() {
        return new LocalMongo(new MemoryBackend(), "127.0.0.1", 0);
    }

    /** Server whose data survives restarts, in one H2 MVStore file under {@code dataDirectory}. */
    public static LocalMongo persistent(Path dataDirectory, int port) {
        try {
            Files.createDirectories(dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dataDirectory, e);
        }
        return new LocalMongo(new H2Backend(dataDirectory.resolve("mongo.mv").toAbsolutePath().toString()), "127.0.0.1", port);
    }

    public int port() {
        return port;
    }

    public String uri(String database) {
        return "mongodb://" + host + ":" + port + "/" + database;
    }

    /** A database name no other caller of this method has seen, for test isolation. */
    public String uniqueDatabase(String prefix) {
        return prefix + "_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
