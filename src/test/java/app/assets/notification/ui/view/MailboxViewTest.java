package app.assets.notification.ui.view;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.assets.identity.service.AccountService;
import app.assets.notification.OutgoingMail;
import app.assets.support.KaribuTest;
import com.github.mvysny.kaributesting.v10.GridKt;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class MailboxViewTest extends KaribuTest {

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void listsCapturedMailAndFiltersByRecipient() {
        String email = "mailbox.reader@example.com";
        accounts.signUp(
                new AccountService.SignUp(email, "a-long-unusual-passphrase", "Mailbox Reader", null, Locale.ENGLISH));
        // the email travels outbox -> relay -> RabbitMQ -> capture sender
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.sql("select count(*) from captured_mail where recipient = ?")
                                .param(email)
                                .query(Integer.class)
                                .single()
                        == 1);

        signIn("admin@assets.local");
        navigate("admin/mailbox");
        var view = _get(MailboxView.class);
        assertThat(GridKt._size(view.grid)).isGreaterThanOrEqualTo(1);

        _setValue(view.recipient, "MAILBOX.reader");
        assertThat(GridKt._size(view.grid)).isOne();
        OutgoingMail.Captured mail = GridKt._get(view.grid, 0);
        assertThat(mail.recipient()).isEqualTo(email);
        assertThat(mail.subject()).isEqualTo("Verify your email for Assets");
        assertThat(GridKt._getFormattedRow(view.grid, 0)).contains(email, "Verify your email for Assets");
        assertThat(mail.body()).contains("/verify-email?token=");
    }
}
