package br.com.healthmed.command.web;

import br.com.healthmed.api.common.InvalidValueException;
import br.com.healthmed.command.config.CommandProperties;
import br.com.healthmed.command.ratelimit.RetryLaterException;
import br.com.healthmed.command.shared.CommandFailures;
import br.com.healthmed.command.shared.DomainRejection;
import br.com.healthmed.command.shared.RejectionDetails;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Remembers, per caller and Idempotency-Key, the request's fingerprint and the response it got, so a client that
 * retries after a lost answer receives the same answer instead of a second booking. Redis keeps them for a day.
 */
@Component
public class IdempotencyStore {

    private static final Duration COMPLETED_TTL = Duration.ofHours(24);

    private final StringRedisTemplate redis;
    private final ObjectMapper json;
    /** Twice the command timeout (at least 30 s), so a retry sees an attempt that may still be running as pending. */
    private final Duration inFlightTtl;

    IdempotencyStore(StringRedisTemplate redis, ObjectMapper json, CommandProperties commands) {
        this.redis = redis;
        this.json = json;
        Duration twiceTheTimeout = commands.timeout().multipliedBy(2);
        this.inFlightTtl = twiceTheTimeout.compareTo(Duration.ofSeconds(30)) > 0 ? twiceTheTimeout : Duration.ofSeconds(30);
    }

    /** What to do with a request carrying an Idempotency-Key. */
    public sealed interface Claim {
        /** First time (or the earlier attempt's record has expired): execute, then {@link #complete} or {@link #release}. */
        record Execute(String redisKey, String fingerprint) implements Claim {
        }

        /** Seen and finished: answer exactly as before. */
        record Replay(int status, String body) implements Claim {
        }

        /**
         * An earlier attempt with this key has not recorded an answer: it is still running, or its caller stopped
         * waiting (the outcome was unknown then). The caller finds out whether it committed, and may
         * {@link #complete} it; otherwise {@link #inProgress()} is the answer.
         */
        record Pending(String redisKey, String fingerprint) implements Claim {

            public RuntimeException inProgress() {
                return new IdempotentRequestInProgressException();
            }
        }
    }

    record Entry(String fingerprint, Integer status, String body) {
    }

    public Claim claim(UUID caller, String idempotencyKey, String requestFingerprint) {
        if (idempotencyKey.isBlank() || idempotencyKey.length() > 255 || !idempotencyKey.matches("\\p{Graph}+")) {
            throw new InvalidValueException("idempotency-key-invalid", "Idempotency-Key",
                    "Idempotency-Key must be 1 to 255 visible ASCII characters");
        }
        String redisKey = "idem:" + caller + ":" + sha256(idempotencyKey);
        String fingerprint = sha256(requestFingerprint);
        Boolean fresh = redis.opsForValue().setIfAbsent(redisKey, write(new Entry(fingerprint, null, null)), inFlightTtl);
        if (Boolean.TRUE.equals(fresh)) {
            return new Claim.Execute(redisKey, fingerprint);
        }
        String stored = redis.opsForValue().get(redisKey);
        if (stored == null) {
            // Expired between the two calls: the earlier attempt is gone, so this one may run.
            return claim(caller, idempotencyKey, requestFingerprint);
        }
        Entry entry = read(stored);
        if (!entry.fingerprint().equals(fingerprint)) {
            throw new IdempotencyKeyReusedException();
        }
        if (entry.status() == null) {
            return new Claim.Pending(redisKey, fingerprint);
        }
        return new Claim.Replay(entry.status(), entry.body());
    }

    public void complete(Claim claim, int status, Object body) {
        switch (claim) {
            case Claim.Execute execute -> store(execute.redisKey(), execute.fingerprint(), status, body);
            case Claim.Pending pending -> store(pending.redisKey(), pending.fingerprint(), status, body);
            case Claim.Replay ignored -> {
                // already recorded
            }
        }
    }

    /**
     * The attempt certainly failed (a rejection: nothing was written): forget it, so that a retry runs again rather
     * than replaying a failure. Never called when the outcome is unknown, so a retry cannot run a second booking
     * next to one that is still committing.
     */
    public void release(Claim.Execute claim) {
        redis.delete(claim.redisKey());
    }

    /**
     * A rejection means the unit of work rolled back and nothing was written, so the key may be used again; so does a
     * transaction that could not even begin (no connection: PostgreSQL away). Anything else (a timeout, a failed commit, a fault we cannot name) may still have
     * committed: the key stays claimed, and a retry finds out.
     */
    public static boolean certainlyFailed(RuntimeException failure) {
        return rejectionCode(failure) != null || failure instanceof InvalidValueException || failure instanceof RetryLaterException
                || causedBy(failure, CannotCreateTransactionException.class);
    }

    /** The code of the rejection a command ended with, or null when it did not end with one (its outcome may be unknown). */
    public static String rejectionCode(RuntimeException failure) {
        if (failure instanceof CommandOutcomeUnknownException) {
            return null;
        }
        return CommandFailures.detailsOf(failure, null).map(RejectionDetails::code).orElse(null);
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private void store(String redisKey, String fingerprint, int status, Object body) {
        redis.opsForValue().set(redisKey, write(new Entry(fingerprint, status, write(body))), COMPLETED_TTL);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Entry read(String value) {
        try {
            return json.readValue(value, Entry.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static final class IdempotencyKeyReusedException extends DomainRejection {
        public IdempotencyKeyReusedException() {
            super("idempotency-key-reused", Kind.UNPROCESSABLE,
                    "This Idempotency-Key was already used with a different request.");
        }
    }

    public static final class IdempotentRequestInProgressException extends DomainRejection {
        IdempotentRequestInProgressException() {
            super("idempotency-request-in-progress", Kind.CONFLICT,
                    "A request with this Idempotency-Key is still being processed; retry shortly.");
        }
    }
}
