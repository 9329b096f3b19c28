package app.assets.notification.ui.view;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static com.github.mvysny.kaributesting.v10.NotificationsKt.expectNotifications;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.assets.identity.service.AccountService;
import app.assets.notification.OutgoingMail;
import app.assets.notification.service.NotificationAdmin;
import app.assets.notification.service.SecretLinkSweeper;
import app.assets.support.KaribuTest;
import app.assets.support.SentLinks;
import app.assets.support.TestUsers;
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

    @Autowired
    SecretLinkSweeper sweeper;

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
        // The single-use link is the recipient's alone: staff read it redacted.
        String link = SentLinks.latest(jdbc, email, "/verify-email");
        String token = link.substring(link.indexOf("token=") + "token=".length());
        assertThat(mail.body()).contains("/verify-email?token=••••").doesNotContain(token);
    }

    @Test
    void theNotificationsViewShowsSingleUseLinksRedactedAndWillNotResendAnExpiredOne() {
        String email = TestUsers.uniqueEmail("redacted");
        long userId = new TestUsers(accounts, jdbc).unverified(email);
        String link = SentLinks.latest(jdbc, email, "/verify-email");
        String token = link.substring(link.indexOf("token=") + "token=".length());

        signIn("admin@assets.local");
        navigate("admin/notifications");
        var view = _get(NotificationsView.class);
        NotificationAdmin.Row row = null;
        for (int i = 0; i < GridKt._size(view.grid) && row == null; i++) {
            var candidate = GridKt._get(view.grid, i);
            if (candidate.recipient().equals(email.toLowerCase(Locale.ROOT))) {
                row = candidate;
            }
        }
        assertThat(row).isNotNull();
        assertThat(row.body()).contains("/verify-email?token=••••").doesNotContain(token);
        assertThat(row.subject()).doesNotContain(token);

        // The link is read from the capture as the consumer sends; its status update follows. Wait for it, or it could
        // land after the update below and turn the row back to SENT.
        long id = row.id();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("select status from notifications where id = ?")
                        .param(id)
                        .query(String.class)
                        .single()
                        .equals("SENT"));
        // failed, and its link expired and was wiped: resending would mail a dead link, so it is refused
        jdbc.sql(
                        "update notifications set status = 'FAILED', secret_expires_at = now() - interval '1 minute' where id = ?")
                .param(row.id())
                .update();
        sweeper.wipeExpired();
        assertThat(jdbc.sql("select count(*) from notifications where id = ? and secret_encrypted is null")
                        .param(row.id())
                        .query(Integer.class)
                        .single())
                .isOne();
        view.resend(row.id());
        expectNotifications(
                "This message carried a single-use link that has expired, so it is not sent again. Ask the person to request a new link (sign-up or \"Forgot password\").");
        assertThat(jdbc.sql("select status from notifications where id = ?")
                        .param(row.id())
                        .query(String.class)
                        .single())
                .isEqualTo("FAILED");
        assertThat(userId).isPositive();
    }
}
