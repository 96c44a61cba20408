package br.com.healthmed.command.auth;

import br.com.healthmed.command.ratelimit.RateLimits;
import br.com.healthmed.command.ratelimit.RateLimits.Limit;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;

/**
 * Throttles failed logins without letting anyone lock an account out (issue 9, item 6; ADR 0021). Three token
 * buckets in Redis, shared by every replica:
 * <ul>
 *   <li>per login name <em>and</em> client address: guessing from one address is slowed at once, and it slows only
 *   that address;</li>
 *   <li>per client address, whatever names it tries;</li>
 *   <li>per login name across every address it never logged in from: a guesser spread over many addresses gets a
 *   small burst, then one attempt per interval. A <em>known</em> client, an address from which this name logged in
 *   successfully before, skips this bucket, so a correct password from there works whatever strangers do.</li>
 * </ul>
 * An attempt spends its tokens before the password is checked, so parallel guesses cannot slip past a limit; a
 * success gives them back and clears its name-and-address bucket. Client addresses come from
 * {@code ClientAddress} (the trusted X-Forwarded-For, IPv6 per /64).
 */
@Component
class LoginThrottle {

    static final String PER_ACCOUNT_AND_ADDRESS = "login:account-address";
    static final String PER_ADDRESS = "login:address";
    static final String PER_ACCOUNT = "login:account";
    static final String KNOWN_CLIENT = "login:known-client";

    private final RateLimits limits;
    private final StringRedisTemplate redis;
    private final LoginThrottleProperties properties;

    LoginThrottle(RateLimits limits, StringRedisTemplate redis, LoginThrottleProperties properties) {
        this.limits = limits;
        this.redis = redis;
        this.properties = properties;
    }

    /**
     * Claims one attempt for this login name from this address, or says how long to wait.
     *
     * @param loginName     kind and normalised login name, e.g. {@code PATIENT_EMAIL:ana@example.com}
     * @param clientAddress the client as {@code ClientAddress} names it
     */
    Attempt acquire(String loginName, String clientAddress) {
        String pair = pair(loginName, clientAddress);
        Optional<Duration> wait = limits.tryTake(PER_ACCOUNT_AND_ADDRESS, pair, pairLimit());
        if (wait.isPresent()) {
            return Attempt.refused(wait.get());
        }
        wait = limits.tryTake(PER_ADDRESS, clientAddress, addressLimit());
        if (wait.isPresent()) {
            limits.giveBack(PER_ACCOUNT_AND_ADDRESS, pair, pairLimit());
            return Attempt.refused(wait.get());
        }
        boolean known = Boolean.TRUE.equals(redis.hasKey(limits.keyOf(KNOWN_CLIENT, pair)));
        if (!known) {
            wait = limits.tryTake(PER_ACCOUNT, loginName, accountLimit());
            if (wait.isPresent()) {
                limits.giveBack(PER_ACCOUNT_AND_ADDRESS, pair, pairLimit());
                limits.giveBack(PER_ADDRESS, clientAddress, addressLimit());
                return Attempt.refused(wait.get());
            }
        }
        return new Attempt(loginName, clientAddress, !known, Optional.empty());
    }

    /** A successful login is not a failure: it gives its tokens back and makes this address known for this name. */
    void succeeded(Attempt attempt) {
        String pair = pair(attempt.loginName(), attempt.clientAddress());
        limits.reset(PER_ACCOUNT_AND_ADDRESS, pair, pairLimit());
        limits.giveBack(PER_ADDRESS, attempt.clientAddress(), addressLimit());
        if (attempt.tookAccountToken()) {
            limits.giveBack(PER_ACCOUNT, attempt.loginName(), accountLimit());
        }
        redis.opsForValue().set(limits.keyOf(KNOWN_CLIENT, pair), "1", properties.knownClientFor());
    }

    /** The attempt was not judged (the password check could not run): it gives its tokens back. */
    void abandoned(Attempt attempt) {
        String pair = pair(attempt.loginName(), attempt.clientAddress());
        limits.giveBack(PER_ACCOUNT_AND_ADDRESS, pair, pairLimit());
        limits.giveBack(PER_ADDRESS, attempt.clientAddress(), addressLimit());
        if (attempt.tookAccountToken()) {
            limits.giveBack(PER_ACCOUNT, attempt.loginName(), accountLimit());
        }
    }

    private static String pair(String loginName, String clientAddress) {
        return loginName + "\0" + clientAddress;
    }

    private Limit pairLimit() {
        return Limit.of(properties.maxFailuresPerAccountAndAddress(), properties.accountAndAddressWindow());
    }

    private Limit addressLimit() {
        return Limit.of(properties.maxFailuresPerAddress(), properties.addressWindow());
    }

    private Limit accountLimit() {
        return new Limit(properties.accountBurst(), 1, properties.accountRefillInterval());
    }

    /** A claimed attempt; it counts as a failure unless {@link #succeeded} gives it back. */
    record Attempt(String loginName, String clientAddress, boolean tookAccountToken, Optional<Duration> refusedFor) {

        static Attempt refused(Duration wait) {
            return new Attempt(null, null, false, Optional.of(wait));
        }

        @Override
        public String toString() {
            return "Attempt[protected, refusedFor=" + refusedFor + "]";
        }
    }
}
