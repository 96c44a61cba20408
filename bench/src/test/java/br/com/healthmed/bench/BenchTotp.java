package br.com.healthmed.bench;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.util.Locale;

/**
 * The ADMIN's second factor for the bench (RFC 6238: HMAC-SHA-1, 6 digits, 30-second steps, Base32 secret, as
 * HEALTHMED_ADMIN_TOTP_SECRET in secrets.env). The command side accepts each code once; another process of the same
 * run may have used the current one, so {@link #codeAfter} hands out the code of a step later than a refused one.
 */
final class BenchTotp {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static long lastStep = Long.MIN_VALUE;

    private BenchTotp() {
    }

    /** A code of a step this JVM has not used yet: now, or the next step (the server's tolerance), or after a wait. */
    static synchronized String next(String secret) {
        return codeAfter(secret, lastStep);
    }

    /** A code of a step later than {@code step}, waiting for the clock when the next allowed step is too far ahead. */
    static synchronized String codeAfter(String secret, long step) {
        while (true) {
            long now = System.currentTimeMillis() / 30_000;
            long candidate = Math.max(now, Math.max(step, lastStep) + 1);
            if (candidate <= now + 1) {
                lastStep = candidate;
                return code(secret, candidate);
            }
            try {
                Thread.sleep((now + 1) * 30_000 - System.currentTimeMillis() + 200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    static synchronized long lastStep() {
        return lastStep;
    }

    static String code(String secret, long step) {
        String text = secret.replace("=", "").toUpperCase(Locale.ROOT);
        byte[] key = new byte[text.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int index = 0;
        for (char c : text.toCharArray()) {
            buffer = (buffer << 5) | ALPHABET.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                key[index++] = (byte) (buffer >>> (bits - 8));
                bits -= 8;
            }
        }
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
}
