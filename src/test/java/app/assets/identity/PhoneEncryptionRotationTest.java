package app.assets.identity;

import static app.assets.support.TestUsers.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import app.assets.base.crypto.CryptoProperties;
import app.assets.base.crypto.FieldEncryptor;
import app.assets.identity.service.AccountService;
import app.assets.support.IntegrationTest;
import app.assets.support.TestUsers;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/** Runs with a second key configured and active, as after a key rotation in production. */
@TestPropertySource(
        properties = {"assets.crypto.keys.v2=" + PhoneEncryptionRotationTest.KEY_V2, "assets.crypto.active-version=v2"})
class PhoneEncryptionRotationTest extends IntegrationTest {

    /** base64 of 32 ASCII bytes; a test key only. */
    static final String KEY_V2 = "cm90YXRpb24tdGVzdC1rZXktdjItMzItYnl0ZXMhISE=";

    @Autowired
    AccountService accounts;

    @Autowired
    CryptoProperties crypto;

    @Autowired
    JdbcClient jdbc;

    @Test
    void rotationReSealsPhonesStoredUnderTheOldKey() {
        var beforeRotation = new FieldEncryptor(
                new CryptoProperties(Map.of("v1", crypto.keys().get("v1")), "v1"));
        var users = new TestUsers(accounts, jdbc);
        long old = users.verified(uniqueEmail("old-key"));
        jdbc.sql("update users set phone_encrypted = ? where id = ?")
                .params(beforeRotation.encrypt("+989121111111"), old)
                .update();
        long current = users.verified(uniqueEmail("new-key"));
        accounts.updateProfile(current, "Current Key", "+989122222222", null);
        String currentSealed = phoneColumn(current);

        int changed = accounts.rotatePhoneEncryption();

        assertThat(changed).isEqualTo(1);
        assertThat(phoneColumn(old)).startsWith("v2:");
        assertThat(phoneColumn(current)).isEqualTo(currentSealed);
        assertThat(accounts.profile(old).phone()).isEqualTo("+989121111111");
        var onlyV2 = new FieldEncryptor(new CryptoProperties(Map.of("v2", KEY_V2), "v2"));
        assertThat(onlyV2.decrypt(phoneColumn(old))).isEqualTo("+989121111111");
        assertThat(accounts.rotatePhoneEncryption()).isZero();
    }

    private String phoneColumn(long id) {
        return jdbc.sql("select phone_encrypted from users where id = ?")
                .param(id)
                .query(String.class)
                .single();
    }
}
