package br.com.healthmed.command.consultation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.PatternTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The replica's subscription to every room's channel (ADR 0027). Made in the background and retried until Redis
 * answers, so that a Redis slow or away at start-up delays the video rooms, not the application (ADR 0015: a store
 * that fails is answered, never a reason to stay down). Once subscribed, the container itself re-subscribes after a
 * lost connection.
 */
class ConsultationChannels implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ConsultationChannels.class);
    private static final Duration RETRY = Duration.ofSeconds(2);

    private final RedisConnectionFactory redis;
    private final RoomRelay relay;
    private ScheduledExecutorService attempts;
    private RedisMessageListenerContainer container;

    ConsultationChannels(RedisConnectionFactory redis, RoomRelay relay) {
        this.redis = redis;
        this.relay = relay;
    }

    @Override
    public synchronized void start() {
        attempts = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("signalling-subscription").daemon().factory());
        attempts.execute(this::subscribe);
    }

    private synchronized void subscribe() {
        if (attempts == null) {
            return;
        }
        RedisMessageListenerContainer candidate = new RedisMessageListenerContainer();
        candidate.setConnectionFactory(redis);
        candidate.setTaskExecutor(relay.deliveryExecutor());
        candidate.addMessageListener(relay, new PatternTopic(RoomRelay.CHANNEL_PATTERN));
        try {
            candidate.afterPropertiesSet();
            candidate.start();
            container = candidate;
        } catch (RuntimeException failure) {
            log.warn("could not subscribe to the consultation channels yet ({}); retrying in {}",
                    failure.getClass().getSimpleName(), RETRY);
            destroyQuietly(candidate);
            attempts.schedule(this::subscribe, RETRY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void stop() {
        if (attempts != null) {
            attempts.shutdownNow();
            attempts = null;
        }
        if (container != null) {
            destroyQuietly(container);
            container = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return attempts != null;
    }

    /** Whether this replica receives the rooms' messages (the relay works only then). */
    synchronized boolean subscribed() {
        return container != null && container.isListening();
    }

    private static void destroyQuietly(RedisMessageListenerContainer container) {
        try {
            container.destroy();
        } catch (Exception e) {
            log.debug("closing a consultation subscription failed", e);
        }
    }
}
