package br.com.healthmed.query.consistency;

import br.com.healthmed.api.common.InvalidValueException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventhandling.TrackingToken;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * A read that passes back the command's {@code X-Consistency-Token} waits, bounded, until the projections have
 * caught up to it, so the client sees its own write. Without the header reads are eventually consistent and never wait.
 * <p>
 * Waiting costs a request thread and a poll of the token table every 20 ms, so it is bounded three ways: the header is
 * honoured only on the views a command changes ({@link #PATHS}; elsewhere it is ignored), a position beyond the head of
 * the event stream is refused at once (400 {@code consistency-token-ahead}: no command ever returned it), and at most
 * {@code healthmed.consistency.max-waiters} requests per replica wait at a time (503 {@code consistency-wait-busy} with
 * Retry-After beyond that). A token already reached costs one check and takes no waiting place.
 */
@Component
public class ReadYourWrites implements HandlerInterceptor {

    public static final String HEADER = "X-Consistency-Token";
    /** The views a command changes: doctors and their agendas, and appointments. */
    public static final List<String> PATHS = List.of("/api/doctors", "/api/doctors/**", "/api/appointments", "/api/appointments/**");
    private static final long POLL_MILLIS = 20;

    private final ProjectionPositions positions;
    private final EventStore eventStore;
    private final Duration maxWait;
    private final Semaphore waiters;

    ReadYourWrites(ProjectionPositions positions, EventStore eventStore,
                   @Value("${healthmed.consistency.max-wait:PT2S}") Duration maxWait,
                   @Value("${healthmed.consistency.max-waiters:32}") int maxWaiters) {
        this.positions = positions;
        this.eventStore = eventStore;
        this.maxWait = maxWait;
        this.waiters = new Semaphore(maxWaiters);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws InterruptedException {
        String header = request.getHeader(HEADER);
        if (header == null || !"GET".equals(request.getMethod())) {
            return true;
        }
        long position = parse(header);
        ProjectionPositions.PositionWait wait = positions.waitFor(position);
        if (wait.reached()) {
            return true;
        }
        if (position > head()) {
            throw new InvalidValueException("consistency-token-ahead", HEADER,
                    HEADER + " is beyond the newest event; pass back the value a command answered");
        }
        if (!waiters.tryAcquire()) {
            throw new ConsistencyWaitBusyException();
        }
        try {
            long deadline = System.nanoTime() + maxWait.toNanos();
            while (!wait.reached()) {
                if (System.nanoTime() > deadline) {
                    throw new ProjectionsBehindException(maxWait);
                }
                Thread.sleep(POLL_MILLIS);
            }
        } finally {
            waiters.release();
        }
        return true;
    }

    private long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    private static long parse(String header) {
        try {
            long position = Long.parseLong(header.strip());
            if (position >= 0) {
                return position;
            }
        } catch (NumberFormatException ignored) {
            // answered below like any other malformed token
        }
        throw new InvalidValueException("consistency-token-invalid", HEADER, HEADER + " must be a position returned by a command");
    }
}
