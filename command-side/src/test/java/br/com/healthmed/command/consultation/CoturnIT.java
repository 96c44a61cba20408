package br.com.healthmed.command.consultation;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.BindException;
import java.net.ServerSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The credentials {@link TurnCredentials} makes are the ones a real coturn accepts: a coturn started here with
 * {@code use-auth-secret} and the same secret allocates a relay for them (RFC 5766 Allocate with the long-term
 * credential mechanism, RFC 5389), and refuses a wrong password and an expired username.
 */
class CoturnIT {

    private static final String SECRET = "coturn-it-shared-secret";
    private static final String REALM = "healthmed.local";
    private static final int ALLOCATE = 0x0003;
    private static final int ALLOCATE_SUCCESS = 0x0103;
    private static final int ALLOCATE_ERROR = 0x0113;
    private static final int MAGIC_COOKIE = 0x2112A442;
    private static final int USERNAME = 0x0006;
    private static final int MESSAGE_INTEGRITY = 0x0008;
    private static final int ERROR_CODE = 0x0009;
    private static final int REALM_ATTRIBUTE = 0x0014;
    private static final int NONCE = 0x0015;
    private static final int REQUESTED_TRANSPORT = 0x0019;
    private static final int XOR_RELAYED_ADDRESS = 0x0016;

    private static Process coturn;
    private static int port;
    private static Path workDirectory;

    @BeforeAll
    static void startCoturn() throws Exception {
        Path turnserver = InstalledTool.require("turnserver", "coturn");
        workDirectory = Files.createTempDirectory("coturn-it");
        port = freeUdpAndTcpPort();
        coturn = new ProcessBuilder(turnserver.toString(), "-n", "--listening-ip=127.0.0.1", "--relay-ip=127.0.0.1",
                "--listening-port=" + port, "--use-auth-secret", "--static-auth-secret=" + SECRET, "--realm=" + REALM,
                "--no-tls", "--no-dtls", "--no-cli", "--log-file=stdout", "--simple-log",
                "--userdb=" + workDirectory.resolve("turndb"), "--pidfile=" + workDirectory.resolve("turnserver.pid"),
                "--min-port=49400", "--max-port=49600")
                .redirectErrorStream(true).redirectOutput(workDirectory.resolve("turnserver.log").toFile()).start();
        awaitListening();
    }

    @AfterAll
    static void stopCoturn() {
        if (coturn != null) {
            coturn.destroy();
        }
    }

    @Test
    void coturn_allocates_a_relay_for_the_credentials_we_hand_out() throws Exception {
        TurnCredentials.IceServer relay = credentials(Clock.systemUTC(), Duration.ofMinutes(10));

        Map<Integer, byte[]> answer = allocate(relay.username(), relay.credential());

        assertThat(answer).containsKey(XOR_RELAYED_ADDRESS);
    }

    @Test
    void coturn_refuses_a_wrong_password() throws Exception {
        TurnCredentials.IceServer relay = credentials(Clock.systemUTC(), Duration.ofMinutes(10));

        assertThat(allocateError(relay.username(), relay.credential().substring(1) + "A")).isEqualTo(401);
    }

    @Test
    void coturn_refuses_a_username_whose_expiry_has_passed() throws Exception {
        Clock twoHoursAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
        TurnCredentials.IceServer expired = credentials(twoHoursAgo, Duration.ofHours(1));

        assertThat(allocateError(expired.username(), expired.credential())).isEqualTo(401);
    }

    private static TurnCredentials.IceServer credentials(Clock clock, Duration lifetime) {
        TurnProperties properties = new TurnProperties(SECRET, List.of("turn:127.0.0.1:" + port), List.of(), lifetime);
        return new TurnCredentials(properties, clock).forUser(UUID.randomUUID()).iceServers().getFirst();
    }

    /** The success answer's attributes; fails the test on an error answer. */
    private static Map<Integer, byte[]> allocate(String username, String password) throws Exception {
        Answer answer = authenticatedAllocate(username, password);
        if (answer.type() != ALLOCATE_SUCCESS) {
            fail("allocate refused: %d", errorCode(answer));
        }
        return answer.attributes();
    }

    private static int allocateError(String username, String password) throws Exception {
        Answer answer = authenticatedAllocate(username, password);
        assertThat(answer.type()).as("an error answer").isEqualTo(ALLOCATE_ERROR);
        return errorCode(answer);
    }

    /** The long-term credential dance: an unauthenticated request earns a realm and a nonce, then the signed one. */
    private static Answer authenticatedAllocate(String username, String password) throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(3000);
            Answer challenge = exchange(socket, message(List.of(requestedTransport()), null));
            assertThat(errorCode(challenge)).as("the first allocate asks for credentials").isEqualTo(401);
            byte[] realm = challenge.attributes().get(REALM_ATTRIBUTE);
            byte[] nonce = challenge.attributes().get(NONCE);
            byte[] key = MessageDigest.getInstance("MD5").digest(
                    (username + ":" + new String(realm, StandardCharsets.UTF_8) + ":" + password).getBytes(StandardCharsets.UTF_8));
            return exchange(socket, message(List.of(requestedTransport(),
                    attribute(USERNAME, username.getBytes(StandardCharsets.UTF_8)),
                    attribute(REALM_ATTRIBUTE, realm), attribute(NONCE, nonce)), key));
        }
    }

    private record Answer(int type, Map<Integer, byte[]> attributes) {
    }

    private static Answer exchange(DatagramSocket socket, byte[] request) throws IOException {
        socket.send(new DatagramPacket(request, request.length, new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
        byte[] buffer = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        ByteBuffer in = ByteBuffer.wrap(buffer, 0, packet.getLength());
        int type = in.getShort() & 0xFFFF;
        int length = in.getShort() & 0xFFFF;
        in.position(20);
        Map<Integer, byte[]> attributes = new LinkedHashMap<>();
        while (in.position() < 20 + length) {
            int attributeType = in.getShort() & 0xFFFF;
            int attributeLength = in.getShort() & 0xFFFF;
            byte[] value = new byte[attributeLength];
            in.get(value);
            in.position(in.position() + (4 - attributeLength % 4) % 4);
            attributes.put(attributeType, value);
        }
        return new Answer(type, attributes);
    }

    private static int errorCode(Answer answer) {
        byte[] error = answer.attributes().get(ERROR_CODE);
        return error == null ? 0 : (error[2] & 0x07) * 100 + (error[3] & 0xFF);
    }

    /** An Allocate request; with {@code key}, MESSAGE-INTEGRITY over everything before it (RFC 5389 §15.4). */
    private static byte[] message(List<byte[]> attributes, byte[] key) throws GeneralSecurityException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        attributes.forEach(body::writeBytes);
        byte[] transaction = new byte[12];
        new SecureRandom().nextBytes(transaction);
        int integrityLength = key == null ? 0 : 24;
        ByteBuffer header = ByteBuffer.allocate(20).putShort((short) ALLOCATE)
                .putShort((short) (body.size() + integrityLength)).putInt(MAGIC_COOKIE).put(transaction);
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.writeBytes(header.array());
        message.writeBytes(body.toByteArray());
        if (key != null) {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            message.writeBytes(attribute(MESSAGE_INTEGRITY, mac.doFinal(message.toByteArray())));
        }
        return message.toByteArray();
    }

    /** UDP (17), then three reserved bytes. */
    private static byte[] requestedTransport() {
        return attribute(REQUESTED_TRANSPORT, new byte[]{17, 0, 0, 0});
    }

    private static byte[] attribute(int type, byte[] value) {
        int padding = (4 - value.length % 4) % 4;
        return ByteBuffer.allocate(4 + value.length + padding).putShort((short) type).putShort((short) value.length)
                .put(value).array();
    }

    /**
     * A loopback port free for UDP and TCP alike: coturn listens on both, and a port only probed for UDP was once
     * taken for TCP by another test's connection ("Address already in use", the listener never came up).
     */
    private static int freeUdpAndTcpPort() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                 ServerSocket tcp = new ServerSocket(udp.getLocalPort(), 1, InetAddress.getLoopbackAddress())) {
                return tcp.getLocalPort();
            } catch (BindException takenForTcp) {
                // try another
            }
        }
        throw new IllegalStateException("no loopback port free for both UDP and TCP");
    }

    /** coturn answers a STUN binding once its listener is up. */
    private static void awaitListening() throws Exception {
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(20));
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(300);
            while (Instant.now().isBefore(giveUp)) {
                if (!coturn.isAlive()) {
                    fail("turnserver exited: %s", Files.readString(workDirectory.resolve("turnserver.log")));
                }
                byte[] binding = ByteBuffer.allocate(20).putShort((short) 0x0001).putShort((short) 0)
                        .putInt(MAGIC_COOKIE).put(new byte[12]).array();
                try {
                    exchange(socket, binding);
                    return;
                } catch (SocketTimeoutException notYet) {
                    Thread.sleep(200);
                }
            }
        }
        fail("turnserver did not start listening on port %d", port);
    }
}
