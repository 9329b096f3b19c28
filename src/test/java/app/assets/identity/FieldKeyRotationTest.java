package app.assets.identity;

import static app.assets.support.TestUsers.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import app.assets.base.crypto.CryptoProperties;
import app.assets.base.crypto.FieldEncryptor;
import app.assets.base.error.UserInputException;
import app.assets.identity.service.AccountService;
import app.assets.identity.service.FieldKeyRotation;
import app.assets.support.IntegrationTest;
import app.assets.support.LegacyCiphertexts;
import app.assets.support.SentLinks;
import app.assets.support.TestUsers;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.context.TestPropertySource;

/** Runs with a second key configured and active, as after a key rotation in production. */
@TestPropertySource(properties = {"assets.crypto.keys.v2=" + SentLinks.KEY_V2, "assets.crypto.active-version=v2"})
class FieldKeyRotationTest extends IntegrationTest {

    @Autowired
    AccountService accounts;

    @Autowired
    FieldKeyRotation rotation;

    @Autowired
    CryptoProperties crypto;

    @Autowired
    JdbcClient jdbc;

    @Test
    void reEncryptsOldKeyAndOldFormatValuesInTheBackgroundWithProgress() {
        var users = new TestUsers(accounts, jdbc);
        var v1 = new FieldEncryptor(
                new CryptoProperties(Map.of("v1", crypto.keys().get("v1")), "v1"));
        long legacy = users.verified(uniqueEmail("legacy-format"));
        setPhone(legacy, LegacyCiphertexts.seal(crypto.keys().get("v1"), "v1", "+989121111111"));
        long oldKey = users.verified(uniqueEmail("old-key"));
        setPhone(oldKey, v1.encrypt("+989122222222", AccountService.phoneContext(oldKey)));
        long current = users.verified(uniqueEmail("current-key"));
        accounts.updateProfile(current, "Current Key", "+989123333333", null);
        String currentSealed = phone(current);
        // a ciphertext copied from another row: it opens nowhere but its own row, so it is counted failed
        long copied = users.verified(uniqueEmail("copied"));
        setPhone(copied, v1.encrypt("+989124444444", AccountService.phoneContext(oldKey)));

        actAs("admin@assets.local");
        var before = rotation.status();
        assertThat(before.activeVersion()).isEqualTo("v2");
        assertThat(stale(before, "users.phone_encrypted")).isGreaterThanOrEqualTo(3);

        // Another node's job still running: refused. Once its node went quiet, the next start takes over.
        long other = jdbc.sql("insert into crypto_rotation_jobs (key_version) values ('v2') returning id")
                .query(Long.class)
                .single();
        assertThatThrownBy(() -> rotation.start())
                .isInstanceOfSatisfying(
                        UserInputException.class,
                        e -> assertThat(e.messageKey()).isEqualTo("crypto.rotationRunning"));
        jdbc.sql("update crypto_rotation_jobs set heartbeat = now() - interval '10 minutes' where id = ?")
                .param(other)
                .update();
        long job = rotation.start();

        await().atMost(Duration.ofSeconds(30))
                .pollInSameThread()
                .until(() -> !"RUNNING".equals(rotation.status().latest().status()));
        var after = rotation.status();
        assertThat(after.latest().id()).isEqualTo(job);
        assertThat(after.latest().status()).isEqualTo("DONE");
        assertThat(after.latest().total()).isGreaterThanOrEqualTo(3);
        assertThat(after.latest().done()).isGreaterThanOrEqualTo(2);
        assertThat(after.latest().failed()).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("select status from crypto_rotation_jobs where id = ?")
                        .param(other)
                        .query(String.class)
                        .single())
                .isEqualTo("FAILED");

        var onlyV2 = new FieldEncryptor(new CryptoProperties(Map.of("v2", SentLinks.KEY_V2), "v2"));
        assertThat(phone(legacy)).startsWith("v2:2:");
        assertThat(onlyV2.decrypt(phone(legacy), AccountService.phoneContext(legacy)))
                .isEqualTo("+989121111111");
        assertThat(onlyV2.decrypt(phone(oldKey), AccountService.phoneContext(oldKey)))
                .isEqualTo("+989122222222");
        assertThatThrownBy(() -> onlyV2.decrypt(phone(oldKey), AccountService.phoneContext(legacy)))
                .isInstanceOf(IllegalStateException.class);
        assertThat(phone(current)).isEqualTo(currentSealed);
        assertThat(phone(copied)).startsWith("v1:2:");
        assertThat(accounts.profile(legacy).phone()).isEqualTo("+989121111111");
        assertThat(stale(after, "users.phone_encrypted")).isLessThan(stale(before, "users.phone_encrypted"));
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'crypto.rotate.start' and entity_id = ?")
                        .param(Long.toString(job))
                        .query(Integer.class)
                        .single())
                .isOne();
    }

    @Test
    void onlyAdminMayRotate() {
        actAs("support@assets.local");
        assertThatThrownBy(() -> rotation.status()).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> rotation.start()).isInstanceOf(AccessDeniedException.class);
    }

    private static long stale(FieldKeyRotation.Status status, String column) {
        return status.columns().stream()
                .filter(c -> c.column().equals(column))
                .findFirst()
                .orElseThrow()
                .stale();
    }

    private void setPhone(long id, String sealed) {
        jdbc.sql("update users set phone_encrypted = ? where id = ?")
                .params(sealed, id)
                .update();
    }

    private String phone(long id) {
        return jdbc.sql("select phone_encrypted from users where id = ?")
                .param(id)
                .query(String.class)
                .single();
    }
}
