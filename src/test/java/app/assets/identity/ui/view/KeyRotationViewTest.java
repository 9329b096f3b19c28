package app.assets.identity.ui.view;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.assets.identity.service.AccountService;
import app.assets.support.KaribuTest;
import app.assets.support.LegacyCiphertexts;
import app.assets.support.SentLinks;
import app.assets.support.TestUsers;
import com.github.mvysny.kaributesting.v10.GridKt;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class KeyRotationViewTest extends KaribuTest {

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void adminSeesOldValuesStartsTheReEncryptionAndFollowsItsProgress() {
        long user = new TestUsers(accounts, jdbc).verified(TestUsers.uniqueEmail("rotation-view"));
        jdbc.sql("update users set phone_encrypted = ? where id = ?")
                .params(LegacyCiphertexts.seal(SentLinks.KEY_V1, "v1", "+989125555555"), user)
                .update();

        signIn("admin@assets.local");
        navigate("admin/encryption");
        var view = _get(KeyRotationView.class);
        assertThat(view.active.getText()).isEqualTo("Active key version: v1");
        var phones = GridKt._get(view.grid, 0);
        assertThat(phones.column()).isEqualTo("users.phone_encrypted");
        assertThat(phones.stale()).isPositive();

        _click(view.start);
        await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> {
            view.refresh();
            return view.start.isEnabled();
        });
        assertThat(view.job.getText())
                .startsWith("Last re-encryption under v1 finished:")
                .contains("admin@assets.local");
        assertThat(view.progress.getValue()).isPositive();
        assertThat(jdbc.sql("select phone_encrypted from users where id = ?")
                        .param(user)
                        .query(String.class)
                        .single())
                .startsWith("v1:2:");
        assertThat(accounts.profile(user).phone()).isEqualTo("+989125555555");
    }
}
