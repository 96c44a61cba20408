package br.com.healthmed.command.auth;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * RFC 6238 time-based one-time passwords as every authenticator app computes them by default: HMAC-SHA-1, 6 digits, a
 * 30-second step counted from the Unix epoch, secrets in Base32 (RFC 4648, no padding). A code is accepted for the
 * current step and one step either side (clock drift, a code typed at the boundary); that each step is used once is
 * for the caller to enforce ({@link #matchingStep} says which step matched).
 */
final class Totp {

    static final int DIGITS = 6;
    static final int PERIOD_SECONDS = 30;
    static final int TOLERANCE_STEPS = 1;
    /** 160 bits, the HMAC-SHA-1 block RFC 4226 recommends: 32 Base32 characters. */
    static final int SECRET_BYTES = 20;
    /** The least a configured secret must have: 128 bits (26 Base32 characters, RFC 4226's minimum). */
    static final int MIN_SECRET_BYTES = 16;

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Totp() {
    }

    static String newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return base32(secret);
    }

    static long stepAt(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), PERIOD_SECONDS);
    }

    /** The code of {@code secret} for time step {@code step}, zero-padded to six digits. */
    static String code(String secret, long step) {
        byte[] counter = new byte[8];
        for (int i = 7; i >= 0; i--) {
            counter[i] = (byte) (step & 0xff);
            step >>>= 8;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(fromBase32(secret), "HmacSHA1"));
            byte[] hash = mac.doFinal(counter);
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format(Locale.ROOT, "%0" + DIGITS + "d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is not available", e);
        }
    }

    /**
     * The step within the tolerance whose code is {@code code}, the latest first (a replay of an earlier step is then
     * refused by the caller's used-step check rather than accepted as an older step); empty when none matches.
     */
    static OptionalLong matchingStep(String secret, String code, Instant now) {
        if (code == null || !code.matches("\\d{" + DIGITS + "}")) {
            return OptionalLong.empty();
        }
        long current = stepAt(now);
        for (long step = current + TOLERANCE_STEPS; step >= current - TOLERANCE_STEPS; step--) {
            if (java.security.MessageDigest.isEqual(code(secret, step).getBytes(StandardCharsets.US_ASCII),
                    code.getBytes(StandardCharsets.US_ASCII))) {
                return OptionalLong.of(step);
            }
        }
        return OptionalLong.empty();
    }

    /**
     * The provisioning URI authenticator apps read from the QR code (Key Uri Format). The label names the role and the
     * start of the account id rather than an e-mail: the URI is shown and rendered, and holds no personal data.
     */
    static String uri(String issuer, String accountLabel, String secret) {
        String label = encode(issuer) + ":" + encode(accountLabel);
        return "otpauth://totp/" + label + "?secret=" + secret + "&issuer=" + encode(issuer)
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + PERIOD_SECONDS;
    }

    /** Whether {@code secret} is Base32 holding at least {@link #MIN_SECRET_BYTES} bytes. */
    static boolean acceptable(String secret) {
        if (secret == null || !secret.matches("[A-Z2-7]+=*")) {
            return false;
        }
        return secret.replace("=", "").length() * 5 / 8 >= MIN_SECRET_BYTES;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String base32(byte[] bytes) {
        StringBuilder text = new StringBuilder((bytes.length * 8 + 4) / 5);
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
        if (bits > 0) {
            text.append(ALPHABET.charAt((buffer << (5 - bits)) & 0x1f));
        }
        return text.toString();
    }

    static byte[] fromBase32(String text) {
        String normalised = text.strip().replace("=", "").replace(" ", "").toUpperCase(Locale.ROOT);
        byte[] bytes = new byte[normalised.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int index = 0;
        for (char c : normalised.toCharArray()) {
            int value = ALPHABET.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("not a Base32 secret");
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                bytes[index++] = (byte) ((buffer >>> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return bytes;
    }
}
