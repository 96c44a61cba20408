package br.com.healthmed.platform.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The Ed25519 public key that verifies access tokens. The query side reads it from configuration or from the command
 * side's key folder ({@link #from}); the command side takes it from its signing pair.
 */
public record VerificationKey(PublicKey publicKey) {

    private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String END = "-----END PUBLIC KEY-----";

    @Override
    public String toString() {
        return "VerificationKey[Ed25519]";
    }

    /** Fails start-up with a message naming the settings when no key is configured. */
    public static VerificationKey from(JwtVerificationProperties properties) {
        if (hasText(properties.publicKey())) {
            return new VerificationKey(parse(properties.publicKey()));
        }
        if (hasText(properties.keyDirectory())) {
            Path file = Path.of(properties.keyDirectory()).resolve(JwtVerificationProperties.PUBLIC_KEY_FILE);
            try {
                return new VerificationKey(parse(Files.readString(file, StandardCharsets.US_ASCII)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the JWT public key " + file
                        + "; start the command side first (it generates the pair) or set HEALTHMED_JWT_PUBLIC_KEY", e);
            }
        }
        throw new IllegalStateException("no key to verify access tokens: set HEALTHMED_JWT_PUBLIC_KEY (Ed25519 X.509 PEM)"
                + " or HEALTHMED_JWT_KEY_DIRECTORY (the command side's folder holding jwt-public.pem)");
    }

    static PublicKey parse(String pem) {
        // Environment variables often arrive with their line breaks escaped as a literal backslash-n.
        String text = pem.replace("\\n", "\n").strip();
        if (!text.startsWith(BEGIN) || !text.endsWith(END)) {
            throw new IllegalStateException("the JWT public key is not in X.509 PEM (" + BEGIN + ")");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(text.substring(BEGIN.length(), text.length() - END.length()));
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the JWT public key is not an Ed25519 key in X.509 PEM", e);
        }
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
