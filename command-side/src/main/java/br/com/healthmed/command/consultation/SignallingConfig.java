package br.com.healthmed.command.consultation;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.handler.ExceptionWebSocketHandlerDecorator;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;
import org.springframework.web.socket.server.support.WebSocketHandlerMapping;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The signalling endpoint {@value #PATH} and its relay (ADR 0027). Any origin may open it: it is authorised by a
 * single-use ticket the page obtained with its access token, not by a cookie a foreign page could ride on.
 * <p>
 * Mapped directly rather than through {@code @EnableWebSocket}, whose configuration adds a {@code TaskScheduler} bean
 * (a no-op one without SockJS) that would take the place of the scheduler Spring Boot gives {@code @Scheduled} tasks.
 */
@Configuration(proxyBeanMethods = false)
class SignallingConfig {

    static final String PATH = "/api/consultations/signal";

    @Bean
    WebSocketHandlerMapping signallingHandlerMapping(SignallingHandler handler, TicketHandshakeInterceptor tickets) {
        WebSocketHttpRequestHandler requestHandler = new WebSocketHttpRequestHandler(handler, new DefaultHandshakeHandler()) {
            /** Without Spring's logging decorator, which would write every signal (SDP, candidates) at trace level. */
            @Override
            protected WebSocketHandler decorate(WebSocketHandler signalling) {
                return new ExceptionWebSocketHandlerDecorator(signalling);
            }
        };
        requestHandler.setHandshakeInterceptors(List.of(tickets));
        WebSocketHandlerMapping mapping = new WebSocketHandlerMapping();
        mapping.setUrlMap(Map.of(PATH, requestHandler));
        mapping.setOrder(1);
        return mapping;
    }

    @Bean
    ConsultationChannels consultationChannels(RedisConnectionFactory redis, RoomRelay relay) {
        return new ConsultationChannels(redis, relay);
    }

    @Bean
    Heartbeats signallingHeartbeats(RoomRelay relay, SignallingProperties limits, ConsultationMetrics metrics, Clock clock) {
        return new Heartbeats(relay, limits, metrics, clock);
    }

    @Bean
    TurnCredentials turnCredentials(TurnProperties properties, Clock clock) {
        return new TurnCredentials(properties, clock);
    }
}
