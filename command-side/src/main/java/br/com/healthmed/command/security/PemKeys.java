package br.com.healthmed.command.security;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Reads and writes Ed25519 keys as PEM text: PKCS#8 ({@code PRIVATE KEY}) and X.509 ({@code PUBLIC KEY}). */
public final class PemKeys {

    private static final String ALGORITHM = "Ed25519";

    private PemKeys() {
    }

    public static PublicKey publicKey(String pem) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der(pem, "PUBLIC KEY")));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the JWT public key is not an Ed25519 key in X.509 PEM (-----BEGIN PUBLIC KEY-----)", e);
        }
    }

    public static PrivateKey privateKey(String pem) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der(pem, "PRIVATE KEY")));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the JWT private key is not an Ed25519 key in PKCS#8 PEM (-----BEGIN PRIVATE KEY-----)", e);
        }
    }

    public static String pem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    public static String pem(PrivateKey key) {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(String pem, String type) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        // Environment variables often arrive with their line breaks escaped as a literal backslash-n.
        String text = pem.replace("\\n", "\n").strip();
        if (!text.startsWith(begin) || !text.endsWith(end)) {
            throw new IllegalArgumentException("expected " + begin);
        }
        return Base64.getMimeDecoder().decode(text.substring(begin.length(), text.length() - end.length()));
    }
}
