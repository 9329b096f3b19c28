package app.assets.notification;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import app.assets.Application;
import app.assets.support.TestServices;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A worker node stopped while it sends notifications loses none and sends none twice: sends under way finish, a
 * delivery waiting to be tried again is handed back at once (not after its pause), messages not yet handled go back to
 * RabbitMQ, and a node that keeps running (started after the first one stopped, so nothing else consumes meanwhile)
 * sends the rest. Twilio is WireMock, answering each SMS after a pause so that sends are under way when the node stops.
 */
class GracefulShutdownTest {

    private static final String ACCOUNT_SID = "AC00000000000000000000000000000002";
    private static final int MESSAGES = 24;
    /** Its first send fails, so it waits for a retry when the node stops. */
    private static final String RETRIED = "+989120000999";

    private static final WireMockServer TWILIO =
            new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    private static String database;
    private static String amqpPrefix;
    private static JdbcClient jdbc;
    private ConfigurableApplicationContext node;

    @BeforeAll
    static void twilioAndDatabase() {
        TWILIO.start();
        TWILIO.stubFor(post(urlPathMatching(".*/Messages.json"))
                .atPriority(5)
                .willReturn(aResponse()
                        .withStatus(201)
                        .withFixedDelay(300)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"SM" + "1".repeat(32) + "\",\"status\":\"queued\"}")));
        TWILIO.stubFor(post(urlPathMatching(".*/Messages.json"))
                .withRequestBody(containing("To=" + enc(RETRIED)))
                .atPriority(1)
                .inScenario("retried")
                .whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("failed once")
                .willReturn(aResponse().withStatus(500).withBody("{\"code\":20500,\"message\":\"Internal\"}")));
        database = TestServices.newDatabase();
        amqpPrefix = TestServices.freshAmqpPrefix().get();
        jdbc = JdbcClient.create(new SimpleDriverDataSource(new org.postgresql.Driver(), database, "postgres", ""));
    }

    @AfterEach
    void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @AfterAll
    static void stopTwilio() {
        TWILIO.stop();
    }

    @Test
    void aStoppingNodeFinishesWhatItSendsAndHandsBackTheRestSoNothingIsLostOrSentTwice() throws Exception {
        node = startNode();
        queueSms();
        waitFor(Duration.ofSeconds(60), () -> sent() >= 4 && failedOnce(RETRIED));

        long started = System.nanoTime();
        node.close();
        long stoppedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        node = null;

        assertThat(stoppedMillis)
                .as("stopping waits for sends under way, not for the retry's 30 s pause")
                .isLessThan(15_000);
        assertThat(jdbc.sql("select count(*) from notifications where status = 'QUEUED' and claimed_until is not null")
                        .query(Integer.class)
                        .single())
                .as("notifications still claimed by the stopped node")
                .isZero();
        int sentByFirst = sent();
        assertThat(sentByFirst)
                .as("the first node stopped before sending everything")
                .isLessThan(MESSAGES);

        node = startNode();
        waitFor(Duration.ofSeconds(60), () -> sent() == MESSAGES);

        assertThat(jdbc.sql("select count(*) from notifications where status <> 'SENT'")
                        .query(Integer.class)
                        .single())
                .isZero();
        var sendsPerRecipient = new TreeMap<String, Integer>();
        TWILIO.getAllServeEvents().stream()
                .filter(event -> event.getResponse().getStatus() == 201)
                .map(event -> event.getRequest().formParameters().get("To").firstValue())
                .forEach(to -> sendsPerRecipient.merge(to, 1, Integer::sum));
        assertThat(sendsPerRecipient).as("successful sends per recipient").hasSize(MESSAGES);
        assertThat(sendsPerRecipient.values())
                .as("successful sends per recipient")
                .containsOnly(1);
        assertThat(attemptsOf(RETRIED))
                .as("the retried SMS: failed once on the first node, sent by the second")
                .isEqualTo(2);
    }

    private static void queueSms() {
        for (int i = 0; i < MESSAGES; i++) {
            String to = i == 0 ? RETRIED : "+98912000%04d".formatted(i);
            jdbc.sql("""
                            insert into notifications (delivery_id, event, category, channel, recipient, language, body)
                            values (gen_random_uuid(), 'TEST', 'ACCOUNT', 'SMS', ?, 'en', ?)""").params(to, "message " + i).update();
        }
    }

    private static int sent() {
        return jdbc.sql("select count(*) from notifications where status = 'SENT'")
                .query(Integer.class)
                .single();
    }

    private static boolean failedOnce(String recipient) {
        return jdbc.sql("select error_log is not null and status = 'QUEUED' from notifications where recipient = ?")
                .param(recipient)
                .query(Boolean.class)
                .single();
    }

    private static int attemptsOf(String recipient) {
        return jdbc.sql("select attempts from notifications where recipient = ?")
                .param(recipient)
                .query(Integer.class)
                .single();
    }

    private static void waitFor(Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime())
                    .as(() -> "waited " + timeout + "; notifications by status and attempts: "
                            + jdbc.sql(
                                            "select status || ' ' || attempts || ' ' || count(*) from notifications group by status, attempts")
                                    .query(String.class)
                                    .list()
                            + "; Twilio answered: "
                            + TWILIO.getAllServeEvents().stream()
                                    .map(event -> event.getResponse().getStatus())
                                    .toList())
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** A worker node as production runs one (consumers on, schedules off here: they would only add noise). */
    private static ConfigurableApplicationContext startNode() {
        var properties = Map.ofEntries(
                Map.entry("spring.datasource.url", database),
                Map.entry("spring.datasource.username", "postgres"),
                Map.entry("spring.rabbitmq.host", TestServices.amqpHost()),
                Map.entry("spring.rabbitmq.port", String.valueOf(TestServices.amqpPort())),
                Map.entry("assets.notifications.amqp-prefix", amqpPrefix),
                Map.entry("assets.notifications.queue-expiry", "10m"),
                Map.entry("assets.notifications.concurrency", "2"),
                Map.entry("assets.notifications.initial-backoff", "30s"),
                Map.entry("assets.notifications.twilio.account-sid", ACCOUNT_SID),
                Map.entry("assets.notifications.twilio.auth-token", "test-auth-token"),
                Map.entry("assets.notifications.twilio.sms-from", "+15550001111"),
                Map.entry("assets.notifications.twilio.api-base-url", TWILIO.baseUrl()),
                Map.entry("server.port", "0"),
                Map.entry("vaadin.productionMode", "true"),
                Map.entry("assets.identity.demo-accounts", "false"),
                Map.entry("assets.scheduling.enabled", "false"),
                Map.entry("assets.report.backfill-days", "0"));
        var args = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(Application.class).run(args);
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
