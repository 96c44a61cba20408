package br.com.healthmed.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay put between an application under test and one of the embedded servers, to fail that server for this
 * application only (the server itself, shared by every test context of the JVM, keeps running):
 * <ul>
 *   <li>{@link #cut()}: every open connection is reset and new ones are refused, as when the server stops;</li>
 *   <li>{@link #hang()}: connections stay open and are accepted, but no byte goes through in either direction, as
 *   when the server is paused (SIGSTOP) or a network drops packets;</li>
 *   <li>{@link #restore()}: back to normal on the same port; after a hang the held bytes are delivered.</li>
 * </ul>
 */
public final class FaultyLink implements AutoCloseable {

    private enum State { PASSING, HANGING, CUT }

    private final int upstreamPort;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Object gate = new Object();
    private volatile State state = State.PASSING;
    private volatile ServerSocket listener;
    private volatile Thread acceptor;

    private FaultyLink(int upstreamPort, int port) {
        this.upstreamPort = upstreamPort;
        this.port = port;
    }

    /** A link to {@code 127.0.0.1:upstreamPort}, listening on a free local port. */
    public static FaultyLink to(int upstreamPort) {
        FaultyLink link = new FaultyLink(upstreamPort, LocalRedis.freePort());
        link.listen();
        return link;
    }

    public int port() {
        return port;
    }

    public void cut() {
        synchronized (gate) {
            state = State.CUT;
            closeQuietly(listener);
            awaitListenerClosed();
            sockets.forEach(FaultyLink::closeQuietly);
            sockets.clear();
            gate.notifyAll();
        }
    }

    public void hang() {
        synchronized (gate) {
            if (state == State.CUT) {
                listen();
            }
            state = State.HANGING;
        }
    }

    public void restore() {
        synchronized (gate) {
            if (state == State.CUT) {
                listen();
            }
            state = State.PASSING;
            gate.notifyAll();
        }
    }

    @Override
    public void close() {
        cut();
    }

    private void listen() {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            listener = socket;
            acceptor = Thread.ofVirtual().name("faulty-link-" + port).start(() -> accept(socket));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + port, e);
        }
    }

    /**
     * A listening socket closed while a virtual thread is blocked in its accept() is only released once that thread
     * wakes up; until then the port still takes connections into its backlog. Waiting for the acceptor to end makes
     * "cut" mean "refused" at once, however busy the machine is.
     */
    private void awaitListenerClosed() {
        Thread thread = acceptor;
        if (thread == null) {
            return;
        }
        try {
            if (!thread.join(Duration.ofSeconds(10))) {
                throw new IllegalStateException("the link's listener on " + port + " did not close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                sockets.add(client);
                Thread.ofVirtual().start(() -> connect(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void connect(Socket client) {
        try {
            awaitNotHanging();
            Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
            sockets.add(upstream);
            if (state == State.CUT) {
                closeQuietly(upstream);
                closeQuietly(client);
                return;
            }
            Thread.ofVirtual().start(() -> pump(client, upstream));
            Thread.ofVirtual().start(() -> pump(upstream, client));
        } catch (IOException | InterruptedException e) {
            closeQuietly(client);
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                awaitNotHanging();
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // one side closed or the link was cut: close the other side too
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            sockets.remove(from);
            sockets.remove(to);
        }
    }

    private void awaitNotHanging() throws InterruptedException, IOException {
        synchronized (gate) {
            while (state == State.HANGING) {
                gate.wait();
            }
            if (state == State.CUT) {
                throw new IOException("link cut");
            }
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }
}
