package br.com.healthmed.command.consultation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.fail;

/** A participant's signalling connection as a browser opens it, with the JDK's WebSocket client. */
final class SignallingClient implements AutoCloseable {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    record Closed(int code, String reason) {
    }

    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Closed> closed = new CompletableFuture<>();
    private final AtomicInteger pings = new AtomicInteger();
    private WebSocket socket;

    private SignallingClient() {
    }

    /** Opens the room with a ticket; fails the test when the handshake is refused. */
    static SignallingClient connect(int port, String ticket) {
        SignallingClient client = new SignallingClient();
        try {
            client.socket = handshake(port, client.listener(), "healthmed-signal-v1", "ticket." + ticket).join();
        } catch (CompletionException e) {
            fail("handshake refused: " + e.getCause());
        }
        return client;
    }

    /** The HTTP status a refused handshake answered. */
    static int refusedHandshake(int port, String... subprotocols) {
        try {
            handshake(port, new SignallingClient().listener(), subprotocols[0],
                    java.util.Arrays.copyOfRange(subprotocols, 1, subprotocols.length)).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                return refused.getResponse().statusCode();
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
        return fail("the handshake was accepted");
    }

    private static CompletableFuture<WebSocket> handshake(int port, WebSocket.Listener listener, String first,
                                                          String... more) {
        return HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).subprotocols(first, more)
                .buildAsync(URI.create("ws://localhost:" + port + "/api/consultations/signal"), listener);
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    try {
                        received.add(JSON.readTree(partial.toString()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
                pings.incrementAndGet();
                return WebSocket.Listener.super.onPing(webSocket, message);
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(new Closed(statusCode, reason));
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.complete(new Closed(-1, String.valueOf(error)));
            }
        };
    }

    String protocol() {
        return socket.getSubprotocol();
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    /** False when the connection was closed meanwhile. */
    boolean trySend(String text) {
        try {
            socket.sendText(text, true).join();
            return true;
        } catch (CompletionException e) {
            return false;
        }
    }

    void send(JsonNode message) {
        send(message.toString());
    }

    /** The next message of {@code type}, skipping others; fails after a few seconds. */
    JsonNode next(String type) {
        return next(message -> type.equals(message.path("type").asText()), type);
    }

    JsonNode next(Predicate<JsonNode> wanted, String what) {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < giveUp) {
            try {
                JsonNode message = received.poll(100, TimeUnit.MILLISECONDS);
                if (message != null && wanted.test(message)) {
                    return message;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return fail("no %s arrived", what);
    }

    /** Every message that arrives within {@code wait}. */
    List<JsonNode> drain(Duration wait) {
        List<JsonNode> messages = new ArrayList<>();
        long until = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < until) {
            try {
                JsonNode message = received.poll(50, TimeUnit.MILLISECONDS);
                if (message != null) {
                    messages.add(message);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return messages;
    }

    Closed awaitClose() {
        try {
            return closed.get(15, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            return fail("the server did not close the connection: " + e);
        }
    }

    boolean isOpen() {
        return !closed.isDone() && !socket.isInputClosed();
    }

    int pingsReceived() {
        return pings.get();
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (socket != null && !socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
    }
}
