package app.assets.base.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.assets.support.LegacyCiphertexts;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldEncryptorTest {

    static final String KEY_V1 = randomKey();
    static final String KEY_V2 = randomKey();
    static final String ROW_1 = FieldEncryptor.context("users", "phone_encrypted", 1);
    static final String ROW_2 = FieldEncryptor.context("users", "phone_encrypted", 2);

    final FieldEncryptor onlyV1 = new FieldEncryptor(new CryptoProperties(Map.of("v1", KEY_V1), "v1"));
    final FieldEncryptor rotatedToV2 =
            new FieldEncryptor(new CryptoProperties(Map.of("v1", KEY_V1, "v2", KEY_V2), "v2"));

    @Test
    void decryptingReturnsWhatWasEncrypted() {
        String sealed = onlyV1.encrypt("+989121234567", ROW_1);
        assertThat(sealed).startsWith("v1:2:").doesNotContain("989121234567");
        assertThat(onlyV1.decrypt(sealed, ROW_1)).isEqualTo("+989121234567");
    }

    @Test
    void nullStaysNull() {
        assertThat(onlyV1.encrypt(null, ROW_1)).isNull();
        assertThat(onlyV1.decrypt(null, ROW_1)).isNull();
    }

    @Test
    void theSameValueEncryptsDifferentlyEachTime() {
        assertThat(onlyV1.encrypt("+989121234567", ROW_1)).isNotEqualTo(onlyV1.encrypt("+989121234567", ROW_1));
    }

    @Test
    void aCiphertextCopiedToAnotherRowOrFieldDoesNotDecrypt() {
        String sealed = onlyV1.encrypt("+989121234567", ROW_1);
        assertThatThrownBy(() -> onlyV1.decrypt(sealed, ROW_2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("users.phone_encrypted:2");
        assertThatThrownBy(() -> onlyV1.decrypt(sealed, FieldEncryptor.context("users", "email", 1)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> onlyV1.decrypt(sealed, FieldEncryptor.context("notifications", "phone_encrypted", 1)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aValueNeedsAContext() {
        assertThatThrownBy(() -> onlyV1.encrypt("x", " ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void valuesOfTheFirstFormatStayReadableAndNeedRotation() {
        String legacy = LegacyCiphertexts.seal(KEY_V1, "v1", "+989121234567");
        assertThat(onlyV1.decrypt(legacy, ROW_1)).isEqualTo("+989121234567");
        assertThat(onlyV1.needsRotation(legacy)).isTrue();
        String resealed = onlyV1.reseal(legacy, ROW_1);
        assertThat(resealed).startsWith("v1:2:");
        assertThat(onlyV1.needsRotation(resealed)).isFalse();
        assertThat(onlyV1.decrypt(resealed, ROW_1)).isEqualTo("+989121234567");
        assertThatThrownBy(() -> onlyV1.decrypt(resealed, ROW_2)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aCurrentValueCannotBePassedOffAsTheFirstFormat() {
        // Dropping the format marker would skip the context check: the associated data differs, so it fails.
        String sealed = onlyV1.encrypt("+989121234567", ROW_1);
        String downgraded = "v1:" + sealed.substring("v1:2:".length());
        assertThatThrownBy(() -> onlyV1.decrypt(downgraded, ROW_2)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void valuesSealedUnderTheOldKeyStayReadableAfterRotation() {
        String sealedUnderV1 = onlyV1.encrypt("+989121234567", ROW_1);
        assertThat(rotatedToV2.decrypt(sealedUnderV1, ROW_1)).isEqualTo("+989121234567");
        assertThat(rotatedToV2.encrypt("+989121234567", ROW_1)).startsWith("v2:2:");
    }

    @Test
    void needsRotationTellsOldValuesFromCurrentOnes() {
        String old = onlyV1.encrypt("+989121234567", ROW_1);
        String current = rotatedToV2.encrypt("+989121234567", ROW_1);
        assertThat(rotatedToV2.needsRotation(old)).isTrue();
        assertThat(rotatedToV2.needsRotation(current)).isFalse();
        assertThat(rotatedToV2.needsRotation(null)).isFalse();
        assertThat(onlyV1.needsRotation(old)).isFalse();
    }

    @Test
    void aValueSealedUnderAnUnconfiguredKeyIsRefused() {
        String current = rotatedToV2.encrypt("+989121234567", ROW_1);
        assertThatThrownBy(() -> onlyV1.decrypt(current, ROW_1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("v2");
    }

    @Test
    void tamperedCiphertextIsDetected() {
        String sealed = onlyV1.encrypt("+989121234567", ROW_1);
        byte[] bytes = Base64.getDecoder().decode(sealed.substring("v1:2:".length()));
        bytes[bytes.length - 1] ^= 1;
        String tampered = "v1:2:" + Base64.getEncoder().encodeToString(bytes);
        assertThatThrownBy(() -> onlyV1.decrypt(tampered, ROW_1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void relabellingTheKeyVersionIsDetected() {
        // Same bytes claimed to be v1: the key differs and the version is authenticated data.
        String sealed = rotatedToV2.encrypt("+989121234567", ROW_1);
        String relabelled = "v1:" + sealed.substring("v2:".length());
        assertThatThrownBy(() -> rotatedToV2.decrypt(relabelled, ROW_1)).isInstanceOf(IllegalStateException.class);
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
