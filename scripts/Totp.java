import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.util.Locale;

/**
 * Prints the current RFC 6238 code of a Base32 TOTP secret (HMAC-SHA-1, 6 digits, 30-second steps), as an
 * authenticator app would show it, for logging in as the local ADMIN without a phone:
 *
 *     java scripts/Totp.java "$HEALTHMED_ADMIN_TOTP_SECRET"
 *
 * A single-file program: a JDK (11 or later) runs it as it is. The server accepts each code once; for a second login
 * within the same 30 seconds, wait for the next code (the program says how long the current one lasts).
 */
public class Totp {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: java scripts/Totp.java BASE32-SECRET");
            System.exit(2);
        }
        long now = System.currentTimeMillis() / 1000;
        long step = now / 30;
        System.out.println(code(decode(args[0]), step));
        System.err.println("(valid for " + (30 - now % 30) + " more seconds)");
    }

    static String code(byte[] key, long step) throws Exception {
        byte[] counter = new byte[8];
        for (int i = 7; i >= 0; i--) {
            counter[i] = (byte) step;
            step >>>= 8;
        }
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(key, "HmacSHA1"));
        byte[] hash = mac.doFinal(counter);
        int offset = hash[hash.length - 1] & 0xf;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        return String.format(Locale.ROOT, "%06d", binary % 1_000_000);
    }

    static byte[] decode(String secret) {
        String text = secret.replace("=", "").replace(" ", "").toUpperCase(Locale.ROOT);
        byte[] bytes = new byte[text.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int index = 0;
        for (char c : text.toCharArray()) {
            int value = ALPHABET.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("not a Base32 secret: unexpected '" + c + "'");
            }
            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8) {
                bytes[index++] = (byte) (buffer >>> (bits - 8));
                bits -= 8;
            }
        }
        return bytes;
    }
}
