package br.com.healthmed.command.web;

import br.com.healthmed.command.web.IdempotencyStore.Claim;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;

/**
 * The one flow of a creating POST that carries an Idempotency-Key (booking, slot publishing): the command is sent at
 * most once however often the request is retried, and every retry gets the first 201 again.
 * <p>
 * The key is claimed; a finished attempt is answered as before; an attempt whose answer was lost (or that is still
 * running) is recognised by what it committed, since the request's own ids derive from the key; otherwise the command
 * is checked and sent. The key is freed whenever nothing can have been sent, so a retry is never told "in progress"
 * about an attempt that never started; when the outcome is unknown it stays claimed until the retry can tell.
 */
@Component
public class KeyedCommands {

    private static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

    private final IdempotencyStore idempotency;

    KeyedCommands(IdempotencyStore idempotency) {
        this.idempotency = idempotency;
    }

    /**
     * One keyed command's steps.
     *
     * @param <P> what the checks made before sending found (and the sending needs)
     * @param <T> the 201's body
     */
    public interface KeyedCommand<P, T> {

        /** What an earlier attempt with this key committed, if it did. */
        Optional<T> earlier();

        /** The checks made before anything is sent, and what they found: a failure here frees the key. None by default. */
        default P check() {
            return null;
        }

        T send(P checked);

        /** Whether {@code failure} may mean an earlier attempt committed while this one waited (then it is looked for). */
        boolean mayMeanCommittedEarlier(RuntimeException failure);

        /** Where the created resource is, or null. */
        URI location(T created);
    }

    /** Sends {@code command} once for {@code caller}'s {@code key} and this request ({@code fingerprint}). */
    public <P, T> ResponseEntity<?> once(UUID caller, String key, String fingerprint, KeyedCommand<P, T> command) {
        Claim claim = idempotency.claim(caller, key, fingerprint);
        if (claim instanceof Claim.Replay replay) {
            return ResponseEntity.status(replay.status()).contentType(MediaType.APPLICATION_JSON)
                    .header(IDEMPOTENT_REPLAYED, "true").body(replay.body());
        }
        Optional<T> earlier;
        try {
            earlier = command.earlier();
        } catch (RuntimeException failure) {
            // Nothing was sent yet (the store unreachable while looking for an earlier attempt).
            if (claim instanceof Claim.Execute execute) {
                release(execute, failure);
            }
            throw failure;
        }
        if (earlier.isPresent()) {
            return replayed(claim, command, earlier.get());
        }
        if (claim instanceof Claim.Pending pending) {
            throw pending.inProgress();
        }
        Claim.Execute execute = (Claim.Execute) claim;
        P checked;
        try {
            checked = command.check();
        } catch (RuntimeException failure) {
            release(execute, failure);
            throw failure;
        }
        try {
            T created = command.send(checked);
            idempotency.complete(execute, HttpStatus.CREATED.value(), created);
            return created(command, created).body(created);
        } catch (RuntimeException failure) {
            if (command.mayMeanCommittedEarlier(failure)) {
                Optional<T> committed = command.earlier();
                if (committed.isPresent()) {
                    return replayed(execute, command, committed.get());
                }
            }
            if (IdempotencyStore.certainlyFailed(failure)) {
                release(execute, failure);
            }
            throw failure;
        }
    }

    /** Frees the key for a retry; when Redis cannot be reached either, the key expires by itself. */
    private void release(Claim.Execute execute, RuntimeException failure) {
        try {
            idempotency.release(execute);
        } catch (RuntimeException unreleased) {
            failure.addSuppressed(unreleased);
        }
    }

    private <T> ResponseEntity<T> replayed(Claim claim, KeyedCommand<?, T> command, T created) {
        idempotency.complete(claim, HttpStatus.CREATED.value(), created);
        return created(command, created).header(IDEMPOTENT_REPLAYED, "true").body(created);
    }

    private static <T> ResponseEntity.BodyBuilder created(KeyedCommand<?, T> command, T created) {
        URI location = command.location(created);
        return location == null ? ResponseEntity.status(HttpStatus.CREATED) : ResponseEntity.created(location);
    }
}
