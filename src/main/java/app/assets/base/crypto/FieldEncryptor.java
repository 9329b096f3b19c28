package app.assets.base.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Encrypts sensitive fields at rest with AES-256-GCM. Each ciphertext names the key version that
 * sealed it and its format ({@code v2:2:...}), so old data stays readable after the active key
 * rotates, and {@link #needsRotation} tells which values to re-seal.
 *
 * <p>Format 2 binds a ciphertext to where it is stored: the associated data is the key version and
 * a context naming the table, field and row ({@link #context}), so a value copied to another row
 * or field does not decrypt. Format 1 ({@code v1:...}, written before) authenticated the key
 * version only; it is still read, and counts as needing rotation.
 */
@Component
public class FieldEncryptor {

    /** The format new values are written in: the marker between key version and data. */
    public static final String FORMAT = "2";

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKey> keys = new HashMap<>();
    private final String activeVersion;
    private final SecureRandom random = new SecureRandom();

    public FieldEncryptor(CryptoProperties properties) {
        properties.keys().forEach((version, base64) -> {
            if (version.contains(":")) {
                throw new IllegalStateException("assets.crypto.keys." + version + ": a key version has no ':'");
            }
            byte[] raw = Base64.getDecoder().decode(base64);
            if (raw.length != 32) {
                throw new IllegalStateException(
                        "assets.crypto.keys." + version + " must be 32 bytes (AES-256), base64");
            }
            keys.put(version, new SecretKeySpec(raw, "AES"));
        });
        if (!keys.containsKey(properties.activeVersion())) {
            throw new IllegalStateException(
                    "assets.crypto.active-version names no configured key: " + properties.activeVersion());
        }
        this.activeVersion = properties.activeVersion();
    }

    /** The context of a field of one row, such as {@code users.phone_encrypted:42}. */
    public static String context(String table, String column, Object rowId) {
        return table + "." + column + ":" + rowId;
    }

    /** The key version new values are sealed with. */
    public String activeVersion() {
        return activeVersion;
    }

    /** How every value sealed under the active key in the current format starts (for counting in SQL). */
    public String currentPrefix() {
        return activeVersion + ":" + FORMAT + ":";
    }

    /** Seals {@code plain} for the field and row named by {@code context}. */
    public String encrypt(String plain, String context) {
        if (plain == null) {
            return null;
        }
        requireContext(context);
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeVersion), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad(activeVersion, context));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return currentPrefix() + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    /**
     * Opens a value stored in the field and row named by {@code context}. Fails when it was sealed
     * for another context (copied from another row or field), tampered with, or under a key that is
     * not configured. Format-1 values carry no context and open anywhere (until rotated).
     */
    public String decrypt(String stored, String context) {
        if (stored == null) {
            return null;
        }
        requireContext(context);
        String[] parts = stored.split(":", -1);
        if (parts.length < 2
                || parts.length > 3
                || parts[0].isEmpty()
                || (parts.length == 3 && !FORMAT.equals(parts[1]))) {
            throw new IllegalArgumentException("Not an encrypted field value");
        }
        String version = parts[0];
        boolean legacy = parts.length == 2;
        SecretKey key = keys.get(version);
        if (key == null) {
            throw new IllegalStateException("No key configured for version " + version);
        }
        try {
            byte[] in = Base64.getDecoder().decode(parts[parts.length - 1]);
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(legacy ? version.getBytes(StandardCharsets.UTF_8) : aad(version, context));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("Decryption failed for key version " + version + " (" + context + ")", e);
        }
    }

    /** True for a value sealed under an older key, or in the older format without a context. */
    public boolean needsRotation(String stored) {
        return stored != null && !stored.startsWith(currentPrefix());
    }

    /** Opens a value and seals it again under the active key and format, for the same context. */
    public String reseal(String stored, String context) {
        return encrypt(decrypt(stored, context), context);
    }

    private static byte[] aad(String version, String context) {
        return (FORMAT + "|" + version + "|" + context).getBytes(StandardCharsets.UTF_8);
    }

    private static void requireContext(String context) {
        if (context == null || context.isBlank()) {
            throw new IllegalArgumentException("A field value is sealed for a table, field and row");
        }
    }
}
