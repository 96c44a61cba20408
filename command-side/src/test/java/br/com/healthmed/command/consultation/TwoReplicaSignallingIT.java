package br.com.healthmed.command.consultation;

import br.com.healthmed.command.CommandSideApplication;
import br.com.healthmed.command.consultation.Rooms.Room;
import br.com.healthmed.command.support.Api;
import br.com.healthmed.command.support.EmbeddedInfrastructureInitializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two command-side processes on one PostgreSQL and one Redis, as two replicas behind the gateway: the doctor connected
 * to one and the patient to the other still reach each other through Redis pub/sub (ADR 0027), a ticket issued by one
 * replica is redeemed on the other, and a reconnection on the other replica replaces the first connection.
 */
class TwoReplicaSignallingIT {

    private final List<ConfigurableApplicationContext> running = new ArrayList<>();

    @AfterEach
    void stopAll() {
        running.forEach(ConfigurableApplicationContext::close);
    }

    @Test
    void participants_on_different_replicas_signal_each_other_through_redis() {
        ConfigurableApplicationContext first = start(new SpringApplicationBuilder(CommandSideApplication.class)
                .initializers(new EmbeddedInfrastructureInitializer()), List.of());
        ConfigurableApplicationContext second = start(new SpringApplicationBuilder(CommandSideApplication.class),
                sharedSettings(first.getEnvironment()));
        int firstPort = port(first);
        int secondPort = port(second);
        Rooms rooms = new Rooms(new Api(firstPort));
        Room room = rooms.accepted(1);

        try (SignallingClient doctor = SignallingClient.connect(firstPort, rooms.ticketOf(room.appointmentId(), room.doctor()));
             SignallingClient patient = SignallingClient.connect(secondPort, rooms.ticketOf(room.appointmentId(), room.patient()))) {
            assertThat(doctor.next("peer-joined").path("role").asText()).isEqualTo("PATIENT");
            assertThat(patient.next("peer-joined").path("role").asText()).isEqualTo("DOCTOR");
            doctor.send("{\"type\":\"offer\",\"sdp\":\"v=0 across replicas\"}");
            assertThat(patient.next("offer").path("sdp").asText()).isEqualTo("v=0 across replicas");
            patient.send("{\"type\":\"answer\",\"sdp\":\"v=0 answer\"}");
            assertThat(doctor.next("answer").path("sdp").asText()).isEqualTo("v=0 answer");

            try (SignallingClient doctorAgain = SignallingClient.connect(secondPort,
                    rooms.ticketOf(room.appointmentId(), room.doctor()))) {
                String newConnection = doctorAgain.next("welcome").path("connection").asText();
                assertThat(doctor.awaitClose().reason()).isEqualTo("replaced-by-new-connection");
                patient.send("{\"type\":\"answer\",\"sdp\":\"v=0 again\"}");
                assertThat(doctorAgain.next("answer").path("sdp").asText()).isEqualTo("v=0 again");
                assertThat(patient.drain(Duration.ofMillis(500)))
                        .as("the old connection's departure is announced under its own id, not the new one's")
                        .noneMatch(message -> "peer-left".equals(message.path("type").asText())
                                && newConnection.equals(message.path("peer").asText()));
            }
        }
    }

    private ConfigurableApplicationContext start(SpringApplicationBuilder builder, List<String> settings) {
        List<String> arguments = new ArrayList<>(settings);
        arguments.add("--server.port=0");
        arguments.add("--healthmed.consultation.room.opens-before=P2D");
        ConfigurableApplicationContext context = builder.run(arguments.toArray(String[]::new));
        running.add(context);
        return context;
    }

    /** As command-line arguments, which win over application.yml's placeholders (see TwoCommandSidesIT). */
    private static List<String> sharedSettings(Environment environment) {
        return Stream.of("spring.datasource.url", "spring.datasource.username", "spring.datasource.password",
                        "spring.data.redis.host", "spring.data.redis.port", "spring.data.redis.database",
                        "spring.mail.host", "spring.mail.port",
                        "healthmed.privacy.master-key", "healthmed.privacy.lookup-key",
                        "healthmed.security.jwt.key-directory", "healthmed.admin.email", "healthmed.admin.password")
                .map(name -> "--" + name + "=" + environment.getRequiredProperty(name))
                .toList();
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
