package br.com.healthmed.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The tokens an attacker makes out of a real access token: the same claims unsigned ({@code alg:none}), re-signed with
 * another Ed25519 key, signed HS256 with the server's public key as the HMAC secret (the algorithm-confusion attack),
 * with a claim changed under the old signature, and, for a test that holds the real private key, past their expiry.
 * Built by hand with the JDK, so that no JWT library refuses to make them.
 */
public final class HostileTokens {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder URL_DECODER = Base64.getUrlDecoder();
    private static final PrivateKey OTHER_KEY = freshEd25519Key();

    private HostileTokens() {
    }

    /**
     * Every forgery of a real token the attack suites send, by name, in a stable order: "expired" (refused as
     * {@code token-expired}) and the rest, refused as {@code token-invalid}: alg none with and without the signature,
     * another key, another role's real token with its role edited to {@code claimedRole} under its old signature, HS256
     * keyed with each encoding of the public key, garbage.
     */
    public static Map<String, String> forgeriesOf(String realToken, String anotherRolesToken, String claimedRole,
                                                  PrivateKey realKey, byte[][] publicKeySecrets, Instant now) {
        Map<String, String> forgeries = new LinkedHashMap<>();
        forgeries.put("expired", expired(realToken, realKey, now));
        forgeries.put("alg none", unsigned(realToken));
        forgeries.put("alg none, signature kept", unsignedKeepingSignature(realToken));
        forgeries.put("another key", signedWithAnotherKey(realToken));
        forgeries.put("role edited", withRole(anotherRolesToken, claimedRole));
        for (int i = 0; i < publicKeySecrets.length; i++) {
            forgeries.put("HS256 keyed with the public key #" + i, hs256(realToken, publicKeySecrets[i]));
        }
        forgeries.put("garbage", "not.a.token");
        return forgeries;
    }

    /** The real token's claims with {@code alg: none} and no signature. */
    public static String unsigned(String realToken) {
        return encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + part(realToken, 1) + ".";
    }

    /** The real token's claims with {@code alg: none}, and the original signature left in place. */
    public static String unsignedKeepingSignature(String realToken) {
        return encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + part(realToken, 1) + "." + part(realToken, 2);
    }

    /** The real token's claims, signed with an Ed25519 key the server does not trust. */
    public static String signedWithAnotherKey(String realToken) {
        return signEdDsa(OTHER_KEY, claims(realToken));
    }

    /** The real token's claims, HS256 with {@code secret} (the server's public key, as PEM text or DER bytes). */
    public static String hs256(String realToken, byte[] secret) {
        String signingInput = encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + part(realToken, 1);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return signingInput + "." + URL.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The real token with its role claim changed and its signature kept: any edit must break it. */
    public static String withRole(String realToken, String role) {
        ObjectNode claims = claims(realToken);
        claims.put("role", role);
        return part(realToken, 0) + "." + encode(claims.toString()) + "." + part(realToken, 2);
    }

    /** The real token's claims, made to have expired a minute ago, signed with the real key. */
    public static String expired(String realToken, PrivateKey realKey, Instant now) {
        ObjectNode claims = claims(realToken);
        long expired = now.minusSeconds(60).getEpochSecond();
        claims.put("exp", expired);
        claims.put("iat", expired - 900);
        claims.put("iat_ms", (expired - 900) * 1000);
        claims.put("jti", UUID.randomUUID().toString());
        return signEdDsa(realKey, claims);
    }

    /** The subject claim of a token. */
    public static UUID subjectOf(String token) {
        return UUID.fromString(claims(token).path("sub").asText());
    }

    /** Reads the command side's {@code jwt-private.pem} (PKCS#8) from its key folder. */
    public static PrivateKey privateKey(Path keyDirectory) {
        try {
            String pem = Files.readString(keyDirectory.resolve("jwt-private.pem"));
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").strip());
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key PEM text and its DER bytes: the two secrets an HS256 confusion attack tries. */
    public static byte[][] publicKeySecrets(Path keyDirectory) {
        try {
            String pem = Files.readString(keyDirectory.resolve("jwt-public.pem"));
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").strip());
            return new byte[][]{pem.getBytes(StandardCharsets.US_ASCII), pem.strip().getBytes(StandardCharsets.US_ASCII), der};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String signEdDsa(PrivateKey key, ObjectNode claims) {
        String signingInput = encode("{\"alg\":\"EdDSA\",\"typ\":\"JWT\"}") + "." + encode(claims.toString());
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode claims(String token) {
        try {
            return (ObjectNode) JSON.readTree(URL_DECODER.decode(part(token, 1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String part(String token, int index) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a compact JWS: " + parts.length + " parts");
        }
        return parts[index];
    }

    private static String encode(String json) {
        return URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static PrivateKey freshEd25519Key() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
