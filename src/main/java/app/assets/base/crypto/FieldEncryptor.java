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
 * Encrypts sensitive personal fields (phone numbers) at rest with AES-256-GCM. Each ciphertext
 * names the key version that sealed it ({@code v2:...}), so old data stays readable after the
 * active key rotates, and {@link #needsRotation} tells which values to re-seal.
 */
@Component
public class FieldEncryptor {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKey> keys = new HashMap<>();
    private final String activeVersion;
    private final SecureRandom random = new SecureRandom();

    public FieldEncryptor(CryptoProperties properties) {
        properties.keys().forEach((version, base64) -> {
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

    public String encrypt(String plain) {
        if (plain == null) {
            return null;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeVersion), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(activeVersion.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, out, 0, IV_BYTES);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return activeVersion + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    public String decrypt(String stored) {
        if (stored == null) {
            return null;
        }
        int colon = stored.indexOf(':');
        if (colon < 1) {
            throw new IllegalArgumentException("Not an encrypted field value");
        }
        String version = stored.substring(0, colon);
        SecretKey key = keys.get(version);
        if (key == null) {
            throw new IllegalStateException("No key configured for version " + version);
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(colon + 1));
            var cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(version.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Decryption failed for key version " + version, e);
        }
    }

    public boolean needsRotation(String stored) {
        return stored != null && !stored.startsWith(activeVersion + ":");
    }
}
