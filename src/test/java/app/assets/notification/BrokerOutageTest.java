package app.assets.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.assets.base.infra.EmbeddedAmqpBroker;
import app.assets.identity.service.AccountService;
import app.assets.notification.domain.Channel;
import app.assets.notification.domain.NotificationEvent;
import app.assets.notification.service.NotificationOutbox;
import app.assets.support.TestServices;
import app.assets.support.TestUsers;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The broker goes away while events are raised and comes back: the outbox keeps every message
 * and the relay catches up, and each is delivered exactly once. Runs against an embedded broker
 * of its own (the machine's RabbitMQ is shared and must not be stopped).
 */
@SpringBootTest(properties = {"assets.identity.demo-accounts=false", "assets.notifications.relay-interval=100ms"})
class BrokerOutageTest {

    static final int PORT = freePort();
    static final EmbeddedAmqpBroker BROKER;

    static {
        try {
            BROKER = new EmbeddedAmqpBroker(PORT, Files.createTempDirectory("outage-amqp"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        BROKER.start();
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestServices.freshDatabase()::get);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.rabbitmq.host", () -> "127.0.0.1");
        registry.add("spring.rabbitmq.port", () -> PORT);
    }

    @AfterAll
    static void stopBroker() {
        BROKER.stop();
    }

    @Autowired
    AccountService accounts;

    @Autowired
    NotificationOutbox outbox;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Test
    void messagesRaisedWhileTheBrokerIsDownAreDeliveredOnceWhenItReturns() throws Exception {
        var users = new ArrayList<Long>();
        var emails = new ArrayList<String>();
        for (int i = 0; i < 5; i++) {
            String email = TestUsers.uniqueEmail("outage" + i);
            emails.add(email);
            users.add(accounts.signUp(
                    new AccountService.SignUp(email, TestUsers.PASSWORD, "Outage", null, Locale.ENGLISH)));
        }
        // the sign-up emails travel while the broker is up
        await().atMost(Duration.ofSeconds(20)).until(() -> unsent("EMAIL_VERIFICATION") == 0);

        BROKER.stop();
        for (long user : users) {
            transactions.executeWithoutResult(s -> outbox.enqueue(
                    NotificationEvent.TOPUP_SUCCEEDED,
                    user,
                    Map.of("amount", "100 IRR"),
                    EnumSet.of(Channel.EMAIL),
                    null));
        }
        // The relay tries every 100 ms: for two seconds, every message stays in the outbox.
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(jdbc.sql(
                                        "select count(*) from notifications where event = 'TOPUP_SUCCEEDED' and published_at is null")
                                .query(Integer.class)
                                .single())
                        .as("kept in the outbox while the broker is down")
                        .isEqualTo(5));

        BROKER.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> unsent("TOPUP_SUCCEEDED") == 0);
        for (String email : emails) {
            assertThat(jdbc.sql(
                                    "select count(*) from captured_mail where recipient = ? and subject = 'Your wallet was topped up'")
                            .param(email)
                            .query(Integer.class)
                            .single())
                    .as(email)
                    .isOne();
        }
        assertThat(jdbc.sql(
                                "select count(*) from notifications where event = 'TOPUP_SUCCEEDED' and status = 'SENT' and attempts = 1")
                        .query(Integer.class)
                        .single())
                .isEqualTo(5);
    }

    private int unsent(String event) {
        return jdbc.sql("select count(*) from notifications where event = ? and status <> 'SENT'")
                .param(event)
                .query(Integer.class)
                .single();
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
