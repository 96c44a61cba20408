package br.com.healthmed.query.consistency;

import br.com.healthmed.api.common.InvalidValueException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;

import java.time.Duration;

/**
 * A read that passes back the command's {@code X-Consistency-Token} waits, bounded, until the projections have
 * caught up to it, so the client sees its own write. Without the header reads are eventually consistent and never wait.
 */
@Component
public class ReadYourWrites implements HandlerInterceptor {

    public static final String HEADER = "X-Consistency-Token";
    private static final long POLL_MILLIS = 20;

    private final ProjectionPositions positions;
    private final Duration maxWait;

    ReadYourWrites(ProjectionPositions positions, @Value("${healthmed.consistency.max-wait:PT2S}") Duration maxWait) {
        this.positions = positions;
        this.maxWait = maxWait;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws InterruptedException {
        String header = request.getHeader(HEADER);
        if (header == null || !"GET".equals(request.getMethod())) {
            return true;
        }
        long position = parse(header);
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (!positions.caughtUpTo(position)) {
            if (System.nanoTime() > deadline) {
                throw new ProjectionsBehindException(maxWait);
            }
            Thread.sleep(POLL_MILLIS);
        }
        return true;
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
