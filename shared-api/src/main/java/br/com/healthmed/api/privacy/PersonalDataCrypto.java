package br.com.healthmed.api.privacy;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/**
 * AES-256-GCM for personal data (one data key per person) and for wrapping those data keys with the master key.
 * The subject id is bound as associated data, so a value sealed for one person cannot be passed off as another's.
 * Both sides use this class: the command side seals, the query side and the audit view open.
 */
public final class PersonalDataCrypto {

    private static final String AES_GCM = "AES/GCM/NoPadding";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PersonalDataCrypto() {
    }

    public static SecretKey newKey() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, RANDOM);
            return generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256 is not available", e);
        }
    }

    public static SecretKey key(byte[] raw) {
        if (raw.length != 32) {
            throw new IllegalArgumentException("an AES-256 key has 32 bytes");
        }
        return new SecretKeySpec(raw, "AES");
    }

    public static Sealed seal(SecretKey dataKey, UUID subject, String plaintext) {
        byte[] encrypted = encrypt(dataKey, subject, plaintext.getBytes(StandardCharsets.UTF_8));
        return Sealed.of(subject, Base64.getUrlEncoder().withoutPadding().encodeToString(encrypted));
    }

    /** Opens a sealed value; throws {@link UnreadableDataException} when the key is wrong or the value was altered. */
    public static String open(SecretKey dataKey, Sealed sealed) {
        byte[] encrypted = Base64.getUrlDecoder().decode(sealed.payload());
        return new String(decrypt(dataKey, sealed.subject(), encrypted), StandardCharsets.UTF_8);
    }

    public static byte[] wrap(SecretKey masterKey, UUID subject, SecretKey dataKey) {
        return encrypt(masterKey, subject, dataKey.getEncoded());
    }

    public static SecretKey unwrap(SecretKey masterKey, UUID subject, byte[] wrapped) {
        return key(decrypt(masterKey, subject, wrapped));
    }

    private static byte[] encrypt(SecretKey key, UUID subject, byte[] plaintext) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance(AES_GCM);
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(subject.toString().getBytes(StandardCharsets.US_ASCII));
            byte[] ciphertext = cipher.doFinal(plaintext);
            return ByteBuffer.allocate(iv.length + ciphertext.length).put(iv).put(ciphertext).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    private static byte[] decrypt(SecretKey key, UUID subject, byte[] ivAndCiphertext) {
        if (ivAndCiphertext.length <= IV_BYTES) {
            throw new UnreadableDataException("sealed value is truncated");
        }
        try {
            Cipher cipher = Cipher.getInstance(AES_GCM);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, ivAndCiphertext, 0, IV_BYTES));
            cipher.updateAAD(subject.toString().getBytes(StandardCharsets.US_ASCII));
            return cipher.doFinal(ivAndCiphertext, IV_BYTES, ivAndCiphertext.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new UnreadableDataException("sealed value cannot be opened with this key");
        }
    }
}
