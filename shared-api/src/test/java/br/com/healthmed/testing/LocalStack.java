package br.com.healthmed.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The infrastructure of {@code ./run.sh} in one process: a PostgreSQL, a Redis and a MongoDB emulator whose data
 * survive restarts under {@code HEALTHMED_HOME}, and an SMTP server that keeps mails in memory ({@link LocalMail}). Prints {@code READY} once every service accepts connections; SIGTERM or SIGINT stops them
 * all, last started first. The stores get the least-privilege accounts of {@link StoreAccounts}, with the passwords
 * run.sh passes in the environment; Redis has no default user.
 *
 * <p>Usage: see {@link Options#USAGE}; the home defaults to
 * {@code $HEALTHMED_HOME}, then {@code ./.local}. A new service is one more {@link #start} call in
 * {@link #startServices}.
 */
public final class LocalStack {

    public static final String DATABASE = "healthmed";
    public static final String READY = "READY";

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final Deque<Running> running = new ArrayDeque<>();
    private final PrintStream out;
    private boolean stopping;

    LocalStack(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) throws InterruptedException {
        Options options = Options.parse(args, System.getenv());
        LocalStack stack = new LocalStack(System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-stop"));
        try {
            stack.startServices(options);
        } catch (RuntimeException e) {
            System.err.println("LocalStack could not start: " + e);
            e.printStackTrace();
            System.exit(1);
        }
        stack.out.println(READY);
        stack.out.flush();
        new CountDownLatch(1).await();
    }

    /** Starts every service, in order; when one fails, those already started are still stopped by {@link #stop}. */
    void startServices(Options options) {
        start("PostgreSQL", "jdbc:postgresql://localhost:" + options.postgresPort() + "/" + DATABASE,
                () -> {
                    var postgres = LocalPostgres.persistent(options.home().resolve("postgres"), options.postgresPort());
                    try {
                        postgres.createQueryDatabaseRole(options.accounts());
                        StoreAccounts.prepareQuerySchema(postgres.createDatabase(DATABASE), "postgres", "postgres");
                    } catch (RuntimeException e) {
                        postgres.close();
                        throw e;
                    }
                    return postgres;
                },
                postgres -> acceptsSql(postgres.jdbcUrl(DATABASE)));
        start("Redis", "redis://127.0.0.1:" + options.redisPort(),
                () -> LocalRedis.persistent(options.home().resolve("redis"), options.redisPort(),
                        options.accounts().redisUserDirectives(false)),
                redis -> answersPing(redis.port(), StoreAccounts.COMMAND_REDIS_USER, options.accounts().commandRedisPassword()));
        start("MongoDB (emulator)", "mongodb://127.0.0.1:" + options.mongoPort() + "/" + DATABASE,
                () -> LocalMongo.persistent(options.home().resolve("mongo"), options.mongoPort()),
                mongo -> acceptsConnections(mongo.port()));
        start("SMTP (GreenMail, mails kept in memory)", "smtp://127.0.0.1:" + options.smtpPort()
                        + ", received mails at http://127.0.0.1:" + options.mailApiPort() + "/mails",
                () -> LocalMail.start(options.smtpPort(), options.mailApiPort()),
                mail -> acceptsConnections(mail.smtpPort()) && acceptsConnections(mail.apiPort()));
    }

    static boolean acceptsConnections(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Starts a service, waits until {@code ready} holds, and registers it to be stopped with the stack. */
    synchronized <T extends AutoCloseable> T start(String name, String address, Supplier<T> starter, Predicate<T> ready) {
        if (stopping) {
            throw new IllegalStateException("stopping: " + name + " not started");
        }
        out.println("Starting " + name + " ...");
        T service = starter.get();
        running.push(new Running(name, service));
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (!ready.test(service)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " does not accept connections after " + STARTUP_TIMEOUT);
            }
            sleep(Duration.ofMillis(200));
        }
        out.println(name + " accepts connections at " + address);
        return service;
    }

    /** Stops every started service, last started first. Idempotent; no service starts afterwards. */
    synchronized void stop() {
        stopping = true;
        while (!running.isEmpty()) {
            Running service = running.pop();
            out.println("Stopping " + service.name() + " ...");
            try {
                service.handle().close();
                out.println(service.name() + " stopped");
            } catch (Exception e) {
                System.err.println(service.name() + " did not stop cleanly: " + e);
            }
        }
        out.flush();
    }

    static boolean acceptsSql(String jdbcUrl) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Whether Redis answers PING to this user (its default user is off: every client signs in). */
    static boolean answersPing(int port, String user, String password) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            socket.setSoTimeout(2000);
            OutputStream request = socket.getOutputStream();
            request.write(("AUTH " + user + " " + password + "\r\nPING\r\n").getBytes(StandardCharsets.US_ASCII));
            request.flush();
            InputStream response = socket.getInputStream();
            byte[] expected = "+OK\r\n+PONG".getBytes(StandardCharsets.US_ASCII);
            return Arrays.equals(response.readNBytes(expected.length), expected);
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a service", e);
        }
    }

    private record Running(String name, AutoCloseable handle) {
    }

    /** {@code accounts}: the passwords of the least-privilege store accounts, from run.sh's secrets (environment). */
    record Options(Path home, int postgresPort, int redisPort, int mongoPort, int smtpPort, int mailApiPort,
                   StoreAccounts accounts) {

        static final String USAGE = "usage: LocalStack [--home DIR] [--postgres-port N] [--redis-port N] [--mongo-port N]"
                + " [--smtp-port N] [--mail-api-port N]";

        static Options parse(String[] args, Map<String, String> environment) {
            String home = environment.getOrDefault("HEALTHMED_HOME", ".local");
            int postgresPort = 15432;
            int redisPort = 16379;
            int mongoPort = 17017;
            int smtpPort = 13025;
            int mailApiPort = 18025;
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value after " + args[i] + "; " + USAGE);
                }
                String value = args[i + 1];
                switch (args[i]) {
                    case "--home" -> home = value;
                    case "--postgres-port" -> postgresPort = port(value);
                    case "--redis-port" -> redisPort = port(value);
                    case "--mongo-port" -> mongoPort = port(value);
                    case "--smtp-port" -> smtpPort = port(value);
                    case "--mail-api-port" -> mailApiPort = port(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
                }
            }
            Path homePath = Path.of(home).toAbsolutePath().normalize();
            try {
                Files.createDirectories(homePath);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot create " + homePath, e);
            }
            return new Options(homePath, postgresPort, redisPort, mongoPort, smtpPort, mailApiPort,
                    StoreAccounts.fromEnvironment(environment));
        }

        private static int port(String value) {
            try {
                int port = Integer.parseInt(value);
                if (port > 0 && port < 65536) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("not a TCP port: " + value);
        }
    }
}
