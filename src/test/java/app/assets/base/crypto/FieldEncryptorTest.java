package app.assets.base.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldEncryptorTest {

    static final String KEY_V1 = randomKey();
    static final String KEY_V2 = randomKey();

    final FieldEncryptor onlyV1 = new FieldEncryptor(new CryptoProperties(Map.of("v1", KEY_V1), "v1"));
    final FieldEncryptor rotatedToV2 =
            new FieldEncryptor(new CryptoProperties(Map.of("v1", KEY_V1, "v2", KEY_V2), "v2"));

    @Test
    void decryptingReturnsWhatWasEncrypted() {
        String sealed = onlyV1.encrypt("+989121234567");
        assertThat(sealed).startsWith("v1:").doesNotContain("989121234567");
        assertThat(onlyV1.decrypt(sealed)).isEqualTo("+989121234567");
    }

    @Test
    void nullStaysNull() {
        assertThat(onlyV1.encrypt(null)).isNull();
        assertThat(onlyV1.decrypt(null)).isNull();
    }

    @Test
    void theSameValueEncryptsDifferentlyEachTime() {
        assertThat(onlyV1.encrypt("+989121234567")).isNotEqualTo(onlyV1.encrypt("+989121234567"));
    }

    @Test
    void valuesSealedUnderTheOldKeyStayReadableAfterRotation() {
        String sealedUnderV1 = onlyV1.encrypt("+989121234567");
        assertThat(rotatedToV2.decrypt(sealedUnderV1)).isEqualTo("+989121234567");
        assertThat(rotatedToV2.encrypt("+989121234567")).startsWith("v2:");
    }

    @Test
    void needsRotationTellsOldValuesFromCurrentOnes() {
        String old = onlyV1.encrypt("+989121234567");
        String current = rotatedToV2.encrypt("+989121234567");
        assertThat(rotatedToV2.needsRotation(old)).isTrue();
        assertThat(rotatedToV2.needsRotation(current)).isFalse();
        assertThat(rotatedToV2.needsRotation(null)).isFalse();
        assertThat(onlyV1.needsRotation(old)).isFalse();
    }

    @Test
    void aValueSealedUnderAnUnconfiguredKeyIsRefused() {
        String current = rotatedToV2.encrypt("+989121234567");
        assertThatThrownBy(() -> onlyV1.decrypt(current))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("v2");
    }

    @Test
    void tamperedCiphertextIsDetected() {
        String sealed = onlyV1.encrypt("+989121234567");
        byte[] bytes = Base64.getDecoder().decode(sealed.substring("v1:".length()));
        bytes[bytes.length - 1] ^= 1;
        String tampered = "v1:" + Base64.getEncoder().encodeToString(bytes);
        assertThatThrownBy(() -> onlyV1.decrypt(tampered)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void relabellingTheKeyVersionIsDetected() {
        // Same bytes claimed to be v2: the key differs and the version is authenticated data.
        String sealed = rotatedToV2.encrypt("+989121234567");
        String relabelled = "v1:" + sealed.substring("v2:".length());
        assertThatThrownBy(() -> rotatedToV2.decrypt(relabelled)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void keysOfTheWrongLengthAndAMissingActiveKeyAreRefusedAtStartUp() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> new FieldEncryptor(new CryptoProperties(Map.of("v1", shortKey), "v1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> new FieldEncryptor(new CryptoProperties(Map.of("v1", KEY_V1), "v2")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("v2");
    }

    static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
