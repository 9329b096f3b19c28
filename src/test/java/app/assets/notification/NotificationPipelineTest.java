package app.assets.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import app.assets.identity.service.AccountService;
import app.assets.notification.domain.Channel;
import app.assets.notification.domain.NotificationEvent;
import app.assets.notification.service.NotificationOutbox;
import app.assets.notification.service.TemplateService;
import app.assets.support.IntegrationTest;
import app.assets.support.TestUsers;
import app.assets.wallet.WithdrawalDecided;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The pipeline end to end against the machine's RabbitMQ: an event becomes outbox rows in its own
 * transaction, the relay publishes them, the channel consumers send email to GreenMail (SMTP) and
 * SMS and WhatsApp through the Twilio SDK to WireMock standing in for api.twilio.com.
 */
class NotificationPipelineTest extends IntegrationTest {

    /** The header our SMTP sender stamps with the delivery id. */
    interface SmtpHeaderName {
        String DELIVERY = "X-Assets-Delivery";
    }

    static final String ACCOUNT_SID = "AC00000000000000000000000000000001";
    static final String SMS_FROM = "+15550001111";
    static final String WHATSAPP_FROM = "+15550002222";
    static final GreenMail SMTP = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", "smtp"));
    static final WireMockServer TWILIO =
            new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    static {
        SMTP.start();
        TWILIO.start();
    }

    @DynamicPropertySource
    static void providers(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
        registry.add("assets.notifications.twilio.account-sid", () -> ACCOUNT_SID);
        registry.add("assets.notifications.twilio.auth-token", () -> "test-auth-token");
        registry.add("assets.notifications.twilio.sms-from", () -> SMS_FROM);
        registry.add("assets.notifications.twilio.whatsapp-from", () -> WHATSAPP_FROM);
        registry.add("assets.notifications.twilio.api-base-url", TWILIO::baseUrl);
        registry.add("assets.notifications.max-attempts", () -> 3);
        registry.add("assets.notifications.initial-backoff", () -> "100ms");
    }

    @AfterAll
    static void stopProviders() {
        SMTP.stop();
        TWILIO.stop();
    }

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    NotificationOutbox outbox;

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    AmqpAdmin admin;

    @Autowired
    NotificationProperties properties;

    @Autowired
    TemplateService templates;

    @BeforeEach
    void twilioAnswers() {
        TWILIO.resetAll();
        TWILIO.stubFor(post(urlPathMatching("/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"SM" + "0".repeat(32) + "\",\"status\":\"queued\"}")));
    }

    @Test
    void aWithdrawalRejectionReachesEmailSmsAndWhatsApp() throws Exception {
        String email = TestUsers.uniqueEmail("reach");
        String phone = randomPhone();
        long userId = user(email, phone);
        jdbc.sql(
                        "insert into notification_preferences (user_id, category, channel, enabled) values (?, 'MONEY', 'WHATSAPP', true)")
                .param(userId)
                .update();

        transactions.executeWithoutResult(
                s -> events.publishEvent(new WithdrawalDecided(77, userId, 1_250_000, false, "bank details missing")));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> statuses(userId, "WITHDRAWAL_REJECTED").equals(List.of("SENT", "SENT", "SENT")));

        MimeMessage mail = Arrays.stream(SMTP.getReceivedMessages())
                .filter(m -> GreenMailUtil.getAddressList(safeRecipients(m)).contains(email))
                .filter(m -> subject(m).equals("Your withdrawal was rejected"))
                .findFirst()
                .orElseThrow();
        assertThat(GreenMailUtil.getWholeMessage(mail))
                .contains("multipart/alternative", "text/plain", "text/html", SmtpHeaderName.DELIVERY);
        assertThat(GreenMailUtil.getBody(mail)).contains("bank details missing");

        TWILIO.verify(
                1,
                postRequestedFor(urlPathMatching(".*/Messages.json"))
                        .withRequestBody(containing("To=" + enc(phone)))
                        .withRequestBody(containing("From=" + enc(SMS_FROM)))
                        .withRequestBody(containing("rejected")));
        TWILIO.verify(
                1,
                postRequestedFor(urlPathMatching(".*/Messages.json"))
                        .withRequestBody(containing("To=" + enc("whatsapp:" + phone)))
                        .withRequestBody(containing("From=" + enc("whatsapp:" + WHATSAPP_FROM))));
        TWILIO.verify(postRequestedFor(urlPathMatching(".*/Messages.json"))
                .withBasicAuth(
                        new com.github.tomakehurst.wiremock.client.BasicCredentials(ACCOUNT_SID, "test-auth-token")));
        assertThat(jdbc.sql(
                                "select count(*) from notifications where user_id = ? and event = 'WITHDRAWAL_REJECTED' and provider_id is not null and sent_at is not null")
                        .param(userId)
                        .query(Integer.class)
                        .single())
                .isEqualTo(3);
    }

    @Test
    void aProviderAnswering500IsRetriedThenFailsIntoTheDeadLetterQueue() {
        String phone = randomPhone();
        long userId = user(TestUsers.uniqueEmail("dead"), phone);
        TWILIO.stubFor(post(urlPathMatching(".*/Messages.json"))
                .withRequestBody(containing("To=" + enc(phone)))
                .atPriority(1)
                .willReturn(aResponse().withStatus(500).withBody("{\"code\":20500,\"message\":\"Internal\"}")));
        String deadQueue = properties.deadLetterQueue(Channel.SMS.key());
        long deadBefore = admin.getQueueInfo(deadQueue).getMessageCount();

        transactions.executeWithoutResult(s -> outbox.enqueue(
                NotificationEvent.TRANSFER_RECEIVED,
                userId,
                Map.of("amount", "5,000 IRR", "sender", "Someone"),
                EnumSet.of(Channel.SMS),
                null));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> statuses(userId, "TRANSFER_RECEIVED").equals(List.of("FAILED")));
        var row = jdbc.sql(
                        "select attempts, error_log, sent_at from notifications where user_id = ? and event = 'TRANSFER_RECEIVED'")
                .param(userId)
                .query((rs, n) -> new Object[] {rs.getInt(1), rs.getString(2), rs.getTimestamp(3)})
                .single();
        assertThat(row[0]).isEqualTo(3);
        assertThat(((String) row[1]).lines())
                .hasSize(3)
                .allSatisfy(l -> assertThat(l).contains("500"));
        assertThat(row[2]).isNull();
        TWILIO.verify(
                3,
                postRequestedFor(urlPathMatching(".*/Messages.json")).withRequestBody(containing("To=" + enc(phone))));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> admin.getQueueInfo(deadQueue).getMessageCount() == deadBefore + 1);
    }

    @Test
    void aDuplicatedDeliveryIsSentOnlyOnce() throws Exception {
        String email = TestUsers.uniqueEmail("once");
        long userId = user(email, null);
        transactions.executeWithoutResult(s -> outbox.enqueue(
                NotificationEvent.TOPUP_SUCCEEDED, userId, Map.of("amount", "9 IRR"), EnumSet.of(Channel.EMAIL), null));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> statuses(userId, "TOPUP_SUCCEEDED").equals(List.of("SENT")));
        UUID delivery = jdbc.sql(
                        "select delivery_id from notifications where user_id = ? and event = 'TOPUP_SUCCEEDED'")
                .param(userId)
                .query(UUID.class)
                .single();

        // RabbitMQ redelivers, or the relay publishes again after a crash: the same delivery id arrives twice more
        for (int i = 0; i < 2; i++) {
            rabbit.send(
                    properties.exchange(),
                    Channel.EMAIL.key(),
                    MessageBuilder.withBody(delivery.toString().getBytes()).build());
        }
        String queue = properties.queue(Channel.EMAIL.key());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> admin.getQueueInfo(queue).getMessageCount() == 0);

        // The duplicates have been taken off the queue: for half a second after, still one email only.
        await().during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(Arrays.stream(SMTP.getReceivedMessages())
                                .filter(m -> GreenMailUtil.getAddressList(safeRecipients(m))
                                                .contains(email)
                                        && subject(m).startsWith("Your wallet was topped up"))
                                .count())
                        .isOne());
        assertThat(jdbc.sql("select attempts from notifications where delivery_id = ?")
                        .param(delivery)
                        .query(Integer.class)
                        .single())
                .isOne();
    }

    @Test
    void verificationEmailsTravelThePipelineInTheUsersLanguage() {
        String email = TestUsers.uniqueEmail("farsi");
        accounts.signUp(
                new AccountService.SignUp(email, TestUsers.PASSWORD, "Sara", null, Locale.forLanguageTag("fa")));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> Arrays.stream(SMTP.getReceivedMessages())
                        .anyMatch(m ->
                                GreenMailUtil.getAddressList(safeRecipients(m)).contains(email)));
        var mail = Arrays.stream(SMTP.getReceivedMessages())
                .filter(m -> GreenMailUtil.getAddressList(safeRecipients(m)).contains(email))
                .findFirst()
                .orElseThrow();
        assertThat(subject(mail)).isEqualTo("ایمیل خود را در Assets تأیید کنید");
        assertThat(GreenMailUtil.getBody(mail)).contains("verify-email?token=");
    }

    @Test
    void aResetLinkReachesOnlyItsRecipientAndWorksOnce() throws Exception {
        String email = TestUsers.uniqueEmail("reset-secret");
        new TestUsers(accounts, jdbc).verified(email);
        accounts.requestPasswordReset(email);
        await().atMost(Duration.ofSeconds(20)).until(() -> resetMail(email) != null);
        String text = plainText(resetMail(email));
        var matcher = java.util.regex.Pattern.compile("/reset-password\\?token=([A-Za-z0-9_-]+)")
                .matcher(text);
        assertThat(matcher.find())
                .as("the delivered email carries the real link: %s", text)
                .isTrue();
        String token = matcher.group(1);

        // No table staff can read (or any other) holds the token in clear: every row of every table, as text.
        var tables = jdbc.sql("select table_name from information_schema.tables where table_schema = current_schema()"
                        + " and table_type = 'BASE TABLE'")
                .query(String.class)
                .list();
        for (String table : tables) {
            assertThat(jdbc.sql("select count(*) from \"" + table + "\" t where t::text like ?")
                            .param("%" + token + "%")
                            .query(Integer.class)
                            .single())
                    .as("rows of %s holding the token", table)
                    .isZero();
        }
        assertThat(jdbc.sql("select body from notifications where recipient = ? and event = 'PASSWORD_RESET'")
                        .param(email)
                        .query(String.class)
                        .single())
                .contains("/reset-password?token=••••");

        accounts.resetPassword(token, "another-long-unusual-passphrase");
        assertThatThrownBy(() -> accounts.resetPassword(token, "yet-another-long-passphrase"))
                .isInstanceOf(RuntimeException.class);
    }

    private static MimeMessage resetMail(String email) {
        return Arrays.stream(SMTP.getReceivedMessages())
                .filter(m -> GreenMailUtil.getAddressList(safeRecipients(m)).contains(email)
                        && subject(m).toLowerCase(Locale.ROOT).contains("password"))
                .findFirst()
                .orElse(null);
    }

    /** The decoded text/plain part of a message (the body as its reader sees it, not its transfer encoding). */
    private static String plainText(jakarta.mail.Part part) throws Exception {
        if (part.isMimeType("text/plain")) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof jakarta.mail.Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String text = plainText(multipart.getBodyPart(i));
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }

    @Test
    void aTemplateSavedOnThisNodeIsUsedByTheVeryNextNotification() {
        long userId = user(TestUsers.uniqueEmail("template"), randomPhone());
        // the outbox's copy of the templates is fresh (read for this notification or just before)
        transactions.executeWithoutResult(s ->
                outbox.enqueue(NotificationEvent.TOPUP_FAILED, userId, Map.of("amount", "5 IRR", "reason", "first")));
        String original = "Assets: top-up of {amount} failed: {reason}";
        actAs("admin@assets.local");
        try {
            templates.save(NotificationEvent.TOPUP_FAILED, Channel.SMS, "en", "", "Edited: {amount}, {reason}");
            transactions.executeWithoutResult(s -> outbox.enqueue(
                    NotificationEvent.TOPUP_FAILED, userId, Map.of("amount", "6 IRR", "reason", "second")));
        } finally {
            templates.save(NotificationEvent.TOPUP_FAILED, Channel.SMS, "en", "", original);
            SecurityContextHolder.clearContext();
        }
        assertThat(jdbc.sql("select body from notifications where user_id = ? and event = 'TOPUP_FAILED'"
                                + " and channel = 'SMS' order by id")
                        .param(userId)
                        .query(String.class)
                        .list())
                .containsExactly("Assets: top-up of 5 IRR failed: first", "Edited: 6 IRR, second");
    }

    private long user(String email, String phone) {
        return accounts.signUp(
                new AccountService.SignUp(email, TestUsers.PASSWORD, "Test Person", phone, Locale.ENGLISH));
    }

    private List<String> statuses(long userId, String event) {
        return jdbc.sql("select status from notifications where user_id = ? and event = ? order by channel")
                .params(userId, event)
                .query(String.class)
                .list();
    }

    private static String randomPhone() {
        return "+98912" + (1_000_000 + ThreadLocalRandom.current().nextInt(8_999_999));
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static jakarta.mail.Address[] safeRecipients(MimeMessage m) {
        try {
            return m.getAllRecipients();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
