package br.com.healthmed.command.security;

import br.com.healthmed.api.common.AuditMetadata;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MetaData;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;

/**
 * Who sent a command travels as metadata ({@code userId}, {@code role}), and the handlers decide on it. With Axon
 * Server between the replicas, any client that reaches it with the access token (the query side too) could put a
 * command on the bus with metadata of its choosing, an ADMIN's for instance. So every command is signed where a
 * command side dispatches it, after its metadata is stamped, and checked before any handler runs (ADR 0025): an
 * HMAC-SHA256 over the message id, the command name, the identity and correlation metadata and a digest of the payload
 * as canonical JSON, under a key that only command-side replicas can derive (from the lookup key, which the query
 * side never receives). A command that was not signed, or was changed after signing, is refused.
 */
public final class CommandSignatures {

    /** The metadata entry that carries the signature; never copied onto events. */
    public static final String METADATA_KEY = "commandSignature";

    private static final String VERSION = "v1";

    private final SecretKeySpec key;
    private final ObjectMapper canonicalJson;

    /** @param lookupKey the command side's lookup key; the signing key is derived from it and used for nothing else */
    public CommandSignatures(byte[] lookupKey, ObjectMapper objectMapper) {
        if (lookupKey.length < 32) {
            throw new IllegalArgumentException("the key behind command signatures must hold at least 32 bytes");
        }
        this.key = new SecretKeySpec(hmac(new SecretKeySpec(lookupKey, "HmacSHA256"),
                "healthmed/command-signatures".getBytes(StandardCharsets.UTF_8)), "HmacSHA256");
        // The payload as the receiving replica will see it after deserialisation, whatever order its map entries
        // were put in (a record's components keep their declared order); every field counts, getter or not.
        this.canonicalJson = objectMapper.copy()
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
    }

    /** The command with its signature added (any earlier signature is replaced). */
    public CommandMessage<?> sign(CommandMessage<?> command) {
        return command.andMetaData(Map.of(METADATA_KEY, signatureOf(command)));
    }

    /** Whether the command carries a signature of exactly this content. */
    public boolean isSigned(CommandMessage<?> command) {
        Object presented = command.getMetaData().get(METADATA_KEY);
        if (!(presented instanceof String signature)) {
            return false;
        }
        return MessageDigest.isEqual(signature.getBytes(StandardCharsets.US_ASCII),
                signatureOf(command).getBytes(StandardCharsets.US_ASCII));
    }

    private String signatureOf(CommandMessage<?> command) {
        MetaData metaData = command.getMetaData();
        String content = String.join("\n", VERSION, command.getIdentifier(), command.getCommandName(),
                text(metaData, AuditMetadata.USER_ID), text(metaData, AuditMetadata.ROLE),
                text(metaData, AuditMetadata.CORRELATION_ID), payloadDigest(command.getPayload()));
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(hmac(key, content.getBytes(StandardCharsets.UTF_8)));
    }

    /** A value and its absence differ: "\u0000" cannot be a value, since every value is text without control characters. */
    private static String text(MetaData metaData, String key) {
        Object value = metaData.get(key);
        return value == null ? "\u0000" : value.toString().replace("\n", "\\n");
    }

    private String payloadDigest(Object payload) {
        try {
            byte[] json = canonicalJson.writeValueAsBytes(payload);
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a command of type " + payload.getClass().getName(), e);
        }
    }

    private static byte[] hmac(SecretKeySpec key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
