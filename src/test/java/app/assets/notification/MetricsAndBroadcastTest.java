package app.assets.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import app.assets.base.error.UserInputException;
import app.assets.notification.domain.Channel;
import app.assets.notification.service.BroadcastService;
import app.assets.notification.service.BroadcastService.Audience;
import app.assets.support.WebIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;

/** Who may scrape the metrics, and what a broadcast does, end to end through the outbox. */
class MetricsAndBroadcastTest extends WebIntegrationTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    BroadcastService broadcasts;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void prometheusAnswersTheMachineItselfAndRefusesOtherAddresses() throws Exception {
        mvc.perform(get("/actuator/prometheus").with(from("127.0.0.1")))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("notifications_outbox_lag_seconds")));
        mvc.perform(get("/actuator/prometheus").with(from("203.0.113.9")))
                .andExpect(
                        result -> assertThat(result.getResponse().getStatus()).isIn(401, 403));
    }

    @Test
    void aBroadcastCountsItsAudienceFirstThenQueuesOneMessagePerRecipientAndChannel() {
        actAs("admin@assets.local");
        // The demo auditor, and whoever else other tests of this context made an AUDITOR.
        List<String> auditors = jdbc.sql("""
                        select u.email from users u join user_roles r on r.user_id = u.id
                        where r.role_code = 'AUDITOR' order by u.email""").query(String.class).list();
        assertThat(auditors).contains("auditor@assets.local");
        assertThat(broadcasts.count(Audience.ROLE, "AUDITOR")).isEqualTo(auditors.size());
        assertThatThrownBy(() -> broadcasts.send(" ", "body", Set.of(Channel.EMAIL), Audience.EVERYONE, null))
                .isInstanceOf(UserInputException.class)
                .hasMessageContaining("broadcast.messageRequired");
        assertThatThrownBy(() -> broadcasts.send("Hi", "body", Set.of(), Audience.EVERYONE, null))
                .hasMessageContaining("broadcast.channelsRequired");

        long id = broadcasts.send(
                "Maintenance tonight",
                "Assets is down from 02:00 to 02:30.",
                Set.of(Channel.EMAIL),
                Audience.ROLE,
                "AUDITOR");
        Awaitility.await()
                .pollInSameThread()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(broadcasts.history(0, 10)).anySatisfy(b -> {
                    assertThat(b.id()).isEqualTo(id);
                    assertThat(b.recipients()).isEqualTo(auditors.size());
                    assertThat(b.enqueued()).isEqualTo(auditors.size());
                }));
        assertThat(jdbc.sql("select recipient from notifications where broadcast_id = ?")
                        .param(id)
                        .query(String.class)
                        .list())
                .containsExactlyInAnyOrderElementsOf(auditors);
    }

    @Test
    void aBalanceAudienceIsEveryUserWhoseWalletHoldsMoreThanTheMinimum() {
        actAs("admin@assets.local");
        for (long minimum : new long[] {-1, 0, 1_000_000}) {
            int expected = jdbc.sql("""
                            select count(*) from users u join ledger_accounts a
                              on a.owner_user_id = u.id and a.kind = 'USER_WALLET' where a.posted > ?""").param(minimum).query(Integer.class).single();
            assertThat(broadcasts.count(Audience.BALANCE_ABOVE, Long.toString(minimum)))
                    .as("users with more than %d IRR", minimum)
                    .isEqualTo(expected);
        }
        assertThat(broadcasts.count(Audience.BALANCE_ABOVE, "-1"))
                .isEqualTo(jdbc.sql("select count(*) from users")
                        .query(Integer.class)
                        .single());
        assertThatThrownBy(() -> broadcasts.count(Audience.BALANCE_ABOVE, "much"))
                .hasMessageContaining("broadcast.minimumRequired");
    }

    @Test
    void onlyHoldersOfNotificationBroadcastMayBroadcast() {
        actAs("support@assets.local");
        assertThatThrownBy(() -> broadcasts.count(Audience.EVERYONE, null)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> broadcasts.send("x", "y", Set.of(Channel.EMAIL), Audience.EVERYONE, null))
                .isInstanceOf(AccessDeniedException.class);
    }
}
