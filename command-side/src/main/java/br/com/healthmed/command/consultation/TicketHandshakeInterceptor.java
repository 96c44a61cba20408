package br.com.healthmed.command.consultation;

import br.com.healthmed.platform.security.ProblemResponder;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.HandshakeInterceptor;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Admits a WebSocket handshake only with a room ticket, passed as the subprotocol {@code ticket.<value>} next to
 * {@value SignallingHandler#PROTOCOL} (the only header a browser can set on a WebSocket); the answer names only the
 * latter. No ticket, or one unknown, used or expired: 401 before any upgrade.
 */
@Component
class TicketHandshakeInterceptor implements HandshakeInterceptor {

    static final String TICKET = "healthmed.ticket";
    static final String TICKET_INVALID = "room-ticket-invalid";

    private final RoomTickets tickets;
    private final ConsultationMetrics metrics;
    private final ProblemResponder problems;

    TicketHandshakeInterceptor(RoomTickets tickets, ConsultationMetrics metrics, ProblemResponder problems) {
        this.tickets = tickets;
        this.metrics = metrics;
        this.problems = problems;
    }

    @Override
    public boolean beforeHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                                   Map<String, Object> attributes) throws IOException {
        Optional<RoomTickets.Ticket> ticket = offeredTickets(request).stream().findFirst().flatMap(tickets::redeem);
        if (ticket.isEmpty()) {
            metrics.refused(TICKET_INVALID);
            if (request instanceof ServletServerHttpRequest servletRequest
                    && response instanceof ServletServerHttpResponse servletResponse) {
                problems.write(servletRequest.getServletRequest(), servletResponse.getServletResponse(),
                        HttpStatus.UNAUTHORIZED, TICKET_INVALID,
                        "the signalling connection needs a room ticket (POST /api/appointments/{id}/consultation/tickets), "
                                + "passed once as the subprotocol ticket.<ticket>");
            } else {
                response.setStatusCode(HttpStatus.UNAUTHORIZED);
            }
            return false;
        }
        attributes.put(TICKET, ticket.get());
        return true;
    }

    @Override
    public void afterHandshake(ServerHttpRequest request, ServerHttpResponse response, WebSocketHandler handler,
                               Exception exception) {
        // Nothing to undo: the ticket is spent whether or not the upgrade completed.
    }

    private static List<String> offeredTickets(ServerHttpRequest request) {
        return request.getHeaders().getValuesAsList("Sec-WebSocket-Protocol").stream()
                .map(String::strip)
                .filter(protocol -> protocol.startsWith(RoomTickets.PREFIX))
                .map(protocol -> protocol.substring(RoomTickets.PREFIX.length()))
                .toList();
    }
}
