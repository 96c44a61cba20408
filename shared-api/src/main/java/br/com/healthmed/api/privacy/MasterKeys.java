package br.com.healthmed.api.privacy;

import javax.crypto.SecretKey;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The privacy master keys by id, and the id of the current one (ADR 0026). Every person key names the master key that
 * wraps it, so a set of keys lets both sides read during a rotation while only the current key wraps new person keys.
 * <p>
 * Configured either as one key alone ({@code HEALTHMED_PRIVACY_MASTER_KEY}, whose id is {@value #SINGLE_KEY_ID}, the id
 * every person key had before ids existed) or as a set ({@code HEALTHMED_PRIVACY_MASTER_KEYS=k1:<base64>,k2:<base64>}
 * with {@code HEALTHMED_PRIVACY_CURRENT_KEY_ID=k2}). Where the single variable cannot be removed (docker compose requires
 * it), it may stay next to the set as long as it is one of the set's keys: it then adds nothing.
 */
public final class MasterKeys {

    /** The id of a master key configured alone, and of every person key wrapped before key ids existed. */
    public static final String SINGLE_KEY_ID = "k1";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final Map<String, SecretKey> keys;
    private final String currentId;

    private MasterKeys(Map<String, SecretKey> keys, String currentId) {
        this.keys = Collections.unmodifiableMap(keys);
        this.currentId = currentId;
    }

    /**
     * Reads the configuration; blank values count as absent. Fails with a message naming the setting, never the key
     * material, when the keys are missing or malformed, an id is given twice, the current id is not among them, or a
     * single key set next to the set is not one of its keys.
     */
    public static MasterKeys of(String singleKey, String keySet, String currentId) {
        boolean single = singleKey != null && !singleKey.isBlank();
        boolean set = keySet != null && !keySet.isBlank();
        boolean current = currentId != null && !currentId.isBlank();
        if (single && !set) {
            if (current && !currentId.strip().equals(SINGLE_KEY_ID)) {
                throw new IllegalArgumentException("HEALTHMED_PRIVACY_CURRENT_KEY_ID names " + currentId.strip()
                        + ", but a key configured alone is " + SINGLE_KEY_ID);
            }
            Map<String, SecretKey> one = new LinkedHashMap<>();
            one.put(SINGLE_KEY_ID, decode(SINGLE_KEY_ID, singleKey));
            return new MasterKeys(one, SINGLE_KEY_ID);
        }
        if (!set) {
            throw new IllegalArgumentException("no privacy master key: set HEALTHMED_PRIVACY_MASTER_KEY (one key) or"
                    + " HEALTHMED_PRIVACY_MASTER_KEYS with HEALTHMED_PRIVACY_CURRENT_KEY_ID (a rotation)");
        }
        Map<String, SecretKey> parsed = new LinkedHashMap<>();
        for (String entry : keySet.split(",")) {
            String trimmed = entry.strip();
            int colon = trimmed.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("HEALTHMED_PRIVACY_MASTER_KEYS: each entry is id:base64-key");
            }
            String id = trimmed.substring(0, colon).strip();
            if (!ID.matcher(id).matches()) {
                throw new IllegalArgumentException("HEALTHMED_PRIVACY_MASTER_KEYS: a key id is 1 to 32 letters, digits, '-'"
                        + " or '_', not '" + id + "'");
            }
            if (parsed.putIfAbsent(id, decode(id, trimmed.substring(colon + 1))) != null) {
                throw new IllegalArgumentException("HEALTHMED_PRIVACY_MASTER_KEYS names the key id " + id + " twice");
            }
        }
        if (!current) {
            throw new IllegalArgumentException("HEALTHMED_PRIVACY_CURRENT_KEY_ID is required with HEALTHMED_PRIVACY_MASTER_KEYS");
        }
        String currentKey = currentId.strip();
        if (!parsed.containsKey(currentKey)) {
            throw new IllegalArgumentException("HEALTHMED_PRIVACY_CURRENT_KEY_ID " + currentKey
                    + " is not in HEALTHMED_PRIVACY_MASTER_KEYS (" + String.join(", ", parsed.keySet()) + ")");
        }
        if (single) {
            byte[] alone = decode(SINGLE_KEY_ID, singleKey).getEncoded();
            if (parsed.values().stream().noneMatch(key -> MessageDigest.isEqual(key.getEncoded(), alone))) {
                throw new IllegalArgumentException("HEALTHMED_PRIVACY_MASTER_KEY is set next to HEALTHMED_PRIVACY_MASTER_KEYS"
                        + " but is none of its keys: remove it, or make it one of the set's keys (the former key of a"
                        + " rotation belongs in the set as " + SINGLE_KEY_ID + ")");
            }
        }
        return new MasterKeys(parsed, currentKey);
    }

    private static SecretKey decode(String id, String base64) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("privacy master key " + id + " is not base64");
        }
        if (raw.length != 32) {
            throw new IllegalArgumentException("privacy master key " + id + " must be 32 bytes (base64 of 32 random bytes)");
        }
        return PersonalDataCrypto.key(raw);
    }

    /** The id new person keys are wrapped under. */
    public String currentId() {
        return currentId;
    }

    public SecretKey current() {
        return keys.get(currentId);
    }

    /** The master key of this id, or empty when it is not configured (retired and destroyed, or never known here). */
    public Optional<SecretKey> byId(String id) {
        return Optional.ofNullable(id == null ? null : keys.get(id));
    }

    public Set<String> ids() {
        return keys.keySet();
    }

    /** The configured ids other than the current one: those a rotation re-wraps away from. */
    public Set<String> retiredIds() {
        return keys.keySet().stream().filter(id -> !id.equals(currentId))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    @Override
    public String toString() {
        return "MasterKeys[current=" + currentId + ", ids=" + keys.keySet() + "]";
    }
}
