package br.com.healthmed.command.consultation;

import br.com.healthmed.command.consultation.RoomRelay.Closes;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.socket.PingMessage;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Pings every signalling connection of this replica, closes those silent longer than the timeout (a peer that vanished
 * without a close: its page reconnects with a new ticket) and those whose room has closed.
 */
class Heartbeats implements SmartLifecycle {

    private final RoomRelay relay;
    private final SignallingProperties limits;
    private final ConsultationMetrics metrics;
    private final Clock clock;
    private ScheduledExecutorService timer;

    Heartbeats(RoomRelay relay, SignallingProperties limits, ConsultationMetrics metrics, Clock clock) {
        this.relay = relay;
        this.limits = limits;
        this.metrics = metrics;
        this.clock = clock;
    }

    void beat() {
        Instant now = clock.instant();
        for (Participant participant : relay.participantsHere()) {
            if (!now.isBefore(participant.closesAt())) {
                metrics.closed(Closes.ROOM_CLOSED.getReason());
                participant.close(Closes.ROOM_CLOSED);
            } else if (participant.lastHeard().plus(limits.heartbeatTimeout()).isBefore(now)) {
                metrics.closed(Closes.HEARTBEAT.getReason());
                participant.close(Closes.HEARTBEAT);
            } else {
                participant.send(new PingMessage(ByteBuffer.allocate(0)));
            }
        }
    }

    @Override
    public synchronized void start() {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("signalling-heartbeat").daemon().factory());
        long period = limits.heartbeatInterval().toMillis();
        timer.scheduleAtFixedRate(this::beatSafely, period, period, TimeUnit.MILLISECONDS);
    }

    private void beatSafely() {
        try {
            beat();
        } catch (RuntimeException e) {
            // A failing beat must not cancel the schedule; the next one tries again.
        }
    }

    @Override
    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return timer != null;
    }
}
