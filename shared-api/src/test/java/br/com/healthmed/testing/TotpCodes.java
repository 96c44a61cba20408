package br.com.healthmed.testing;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An authenticator app for tests (RFC 6238: HMAC-SHA-1, 6 digits, 30-second steps, Base32 secrets), written apart from
 * the command side's verifier so that each checks the other. The server accepts each time step once per account, so
 * {@link #nextCode} hands out every step at most once per secret in this JVM, waiting for the next step when the
 * current one and the one after (the server's tolerance) are used up.
 */
public final class TotpCodes {

    /** A fixed test secret (160 bits) for accounts whose secret the tests configure. */
    public static final String TEST_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final long PERIOD_MILLIS = 30_000;
    private static final Map<String, Long> LAST_STEP = new ConcurrentHashMap<>();

    private TotpCodes() {
    }

    public static String newSecret() {
        byte[] bytes = new byte[20];
        new SecureRandom().nextBytes(bytes);
        StringBuilder text = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                text.append(ALPHABET.charAt((buffer >>> (bits - 5)) & 0x1f));
                bits -= 5;
            }
        }
        return text.toString();
    }

    public static long currentStep(Clock clock) {
        return Math.floorDiv(clock.millis(), PERIOD_MILLIS);
    }

    /** The code of {@code secret} for {@code step}. */
    public static String code(String secret, long step) {
        byte[] key = decode(secret);
        byte[] counter = new byte[8];
        for (int i = 0; i < 8; i++) {
            counter[7 - i] = (byte) (step >>> (8 * i));
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            byte[] hash = mac.doFinal(counter);
            int offset = hash[19] & 0xf;
            int value = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format(Locale.ROOT, "%06d", value % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The code for now, as an authenticator shows it (may be one already used). */
    public static String now(String secret) {
        return code(secret, currentStep(Clock.systemUTC()));
    }

    /**
     * A code no earlier caller in this JVM got for {@code secret}: the current step's, else the next step's (within
     * the server's tolerance), else the current step's after waiting for the clock to move on.
     */
    public static String nextCode(String secret) {
        synchronized (LAST_STEP) {
            while (true) {
                long now = currentStep(Clock.systemUTC());
                long candidate = Math.max(now, LAST_STEP.getOrDefault(secret, Long.MIN_VALUE) + 1);
                if (candidate <= now + 1) {
                    LAST_STEP.put(secret, candidate);
                    return code(secret, candidate);
                }
                sleepUntil((now + 1) * PERIOD_MILLIS + 200);
            }
        }
    }

    /** Marks {@code step} of {@code secret} as used by a test that sent that code itself. */
    public static void used(String secret, long step) {
        synchronized (LAST_STEP) {
            LAST_STEP.merge(secret, step, Math::max);
        }
    }

    private static void sleepUntil(long epochMillis) {
        long wait = epochMillis - System.currentTimeMillis();
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static byte[] decode(String secret) {
        String text = secret.replace("=", "").toUpperCase(Locale.ROOT);
        byte[] bytes = new byte[text.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int index = 0;
        for (char c : text.toCharArray()) {
            buffer = (buffer << 5) | ALPHABET.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                bytes[index++] = (byte) (buffer >>> (bits - 8));
                bits -= 8;
            }
        }
        return bytes;
    }
}
