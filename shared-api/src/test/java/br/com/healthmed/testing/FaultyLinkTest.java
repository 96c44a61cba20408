package br.com.healthmed.testing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultyLinkTest {

    ServerSocket echo;
    FaultyLink link;

    @BeforeEach
    void anEchoServerBehindALink() throws IOException {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!echo.isClosed()) {
                try {
                    Socket socket = echo.accept();
                    Thread.ofVirtual().start(() -> {
                        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
                            in.transferTo(out);
                        } catch (IOException closed) {
                            // the test closed its side
                        }
                    });
                } catch (IOException closed) {
                    return;
                }
            }
        });
        link = FaultyLink.to(echo.getLocalPort());
    }

    @AfterEach
    void close() throws IOException {
        link.close();
        echo.close();
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), link.port());
        socket.setSoTimeout(300);
        return socket;
    }

    private static int roundTrip(Socket socket, int value) throws IOException {
        socket.getOutputStream().write(value);
        socket.getOutputStream().flush();
        return socket.getInputStream().read();
    }

    @Test
    void bytes_pass_until_the_link_hangs_and_are_delivered_when_it_is_restored() throws IOException {
        try (Socket socket = connect()) {
            assertThat(roundTrip(socket, 7)).isEqualTo(7);

            link.hang();
            assertThatThrownBy(() -> roundTrip(socket, 8)).isInstanceOf(SocketTimeoutException.class);

            link.restore();
            assertThat(socket.getInputStream().read()).isEqualTo(8);
        }
    }

    @Test
    void a_cut_link_closes_open_connections_refuses_new_ones_and_comes_back_on_the_same_port() throws IOException {
        int port = link.port();
        try (Socket socket = connect()) {
            assertThat(roundTrip(socket, 1)).isEqualTo(1);

            link.cut();
            assertThat(socket.getInputStream().read()).as("end of stream").isEqualTo(-1);
        }
        assertThatThrownBy(this::connect).isInstanceOf(IOException.class);

        link.restore();
        assertThat(link.port()).isEqualTo(port);
        try (Socket socket = connect()) {
            assertThat(roundTrip(socket, 2)).isEqualTo(2);
        }
    }
}
