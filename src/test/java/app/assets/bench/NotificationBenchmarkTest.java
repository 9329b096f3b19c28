package app.assets.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.assets.identity.service.AccountService;
import app.assets.notification.domain.Channel;
import app.assets.notification.domain.NotificationEvent;
import app.assets.notification.service.NotificationOutbox;
import app.assets.support.IntegrationTest;
import app.assets.support.TestServices;
import app.assets.support.TestUsers;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Notifications per second end to end (outbox rows written in event transactions, relayed with
 * confirms, consumed and sent through the Twilio SDK to a WireMock "Twilio" on loopback), beside
 * the raw publish-with-confirms and consume rate of the same RabbitMQ in the same run.
 * {@code ./mvnw -Pbench test -Dtest=NotificationBenchmarkTest}; writes target/benchmarks/notifications.md.
 */
@Tag("benchmark")
@TestPropertySource(
        properties = {
            "assets.identity.demo-accounts=false",
            "logging.level.app.assets=WARN",
            "assets.notifications.concurrency=4",
            "assets.notifications.twilio.account-sid=AC00000000000000000000000000000009",
            "assets.notifications.twilio.auth-token=bench",
            "assets.notifications.twilio.sms-from=+15550009999"
        })
class NotificationBenchmarkTest extends IntegrationTest {

    static final int MESSAGES = Integer.getInteger("bench.messages", 3000);
    static final int PRODUCERS = 4;
    static final WireMockServer TWILIO = new WireMockServer(options()
            .dynamicPort()
            .bindAddress("127.0.0.1")
            .containerThreads(16)
            .disableRequestJournal());

    static {
        TWILIO.start();
        TWILIO.stubFor(post(urlPathMatching(".*/Messages.json"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"sid\":\"SM" + "1".repeat(32) + "\",\"status\":\"queued\"}")));
    }

    @DynamicPropertySource
    static void twilio(DynamicPropertyRegistry registry) {
        registry.add("assets.notifications.twilio.api-base-url", TWILIO::baseUrl);
    }

    @AfterAll
    static void stop() {
        TWILIO.stop();
    }

    @Autowired
    AccountService accounts;

    @Autowired
    NotificationOutbox outbox;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ConnectionFactory connectionFactory;

    @Test
    void endToEndBesideRawRabbitMq() throws Exception {
        var users = new ArrayList<Long>();
        for (int i = 0; i < 50; i++) {
            users.add(accounts.signUp(new AccountService.SignUp(
                    TestUsers.uniqueEmail("bench"),
                    TestUsers.PASSWORD,
                    "Bench",
                    "+98912" + (1_000_000 + i),
                    Locale.ENGLISH)));
        }
        await().atMost(java.time.Duration.ofSeconds(60)).until(() -> pending() == 0);
        run(users, 300, 1); // warm-up
        double[] measured = run(users, MESSAGES, 1);
        double endToEnd = measured[0];
        // the same events raised by four threads at once (requests of several users), into the same pipeline
        double[] concurrent = run(users, MESSAGES, PRODUCERS);
        double raw = raw(MESSAGES * 3);
        String table = String.join(
                "\n",
                "| measurement | messages | messages/s |",
                "| --- | --- | --- |",
                String.format(
                        Locale.ROOT,
                        "| end to end: event transaction -> outbox -> relay (confirms) -> SMS consumer -> Twilio SDK -> WireMock | %d | %.0f |",
                        MESSAGES,
                        endToEnd),
                String.format(
                        Locale.ROOT,
                        "| of which raising the events (outbox rows written, ten per transaction, one thread) | %d | %.0f |",
                        MESSAGES,
                        measured[1]),
                String.format(
                        Locale.ROOT,
                        "| end to end, the events raised by %d threads | %d | %.0f |",
                        PRODUCERS,
                        MESSAGES,
                        concurrent[0]),
                String.format(
                        Locale.ROOT,
                        "| of which raising the events (%d threads) | %d | %.0f |",
                        PRODUCERS,
                        MESSAGES,
                        concurrent[1]),
                String.format(
                        Locale.ROOT,
                        "| raw RabbitMQ: publish with confirms, persistent, and consume (one queue, same broker) | %d | %.0f |",
                        MESSAGES * 3,
                        raw),
                "",
                String.format(
                        Locale.ROOT,
                        "End to end / raw RabbitMQ: %.2f (one thread raising), %.2f (%d threads).",
                        endToEnd / raw,
                        concurrent[0] / raw,
                        PRODUCERS),
                "",
                "Run " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores, RabbitMQ at "
                        + TestServices.amqpHost() + ":" + TestServices.amqpPort() + ".");
        System.out.println("\n" + table + "\n");
        Files.createDirectories(Path.of("target/benchmarks"));
        Files.writeString(Path.of("target/benchmarks/notifications.md"), table + "\n");
        assertThat(endToEnd).isPositive();
    }

    /**
     * Raises {@code count} events (ten per transaction) from {@code threads} threads and waits until every notification
     * is sent; returns the end-to-end rate and the rate at which the events were raised.
     */
    private double[] run(List<Long> users, int count, int threads) throws Exception {
        long started = System.nanoTime();
        try (var producers = Executors.newFixedThreadPool(threads)) {
            var raised = new ArrayList<Future<?>>();
            for (int t = 0; t < threads; t++) {
                int first = t * 10;
                raised.add(producers.submit(() -> {
                    for (int i = first; i < count; i += 10 * threads) {
                        int base = i;
                        transactions.executeWithoutResult(s -> {
                            for (int j = base; j < base + 10; j++) {
                                outbox.enqueue(
                                        NotificationEvent.TOPUP_SUCCEEDED,
                                        users.get(j % users.size()),
                                        Map.of("amount", j + " IRR"),
                                        EnumSet.of(Channel.SMS),
                                        null);
                            }
                        });
                    }
                }));
            }
            for (var f : raised) {
                f.get();
            }
        }
        double raised = count / ((System.nanoTime() - started) / 1e9);
        await().atMost(java.time.Duration.ofMinutes(10))
                .pollInterval(java.time.Duration.ofMillis(50))
                .until(() -> pending() == 0);
        return new double[] {count / ((System.nanoTime() - started) / 1e9), raised};
    }

    private int pending() {
        return jdbc.sql("select count(*) from notifications where status = 'QUEUED'")
                .query(Integer.class)
                .single();
    }

    private double raw(int count) throws Exception {
        var admin = new RabbitAdmin(connectionFactory);
        var queue = new Queue(TestServices.amqpPrefix() + ".bench.raw", true, false, true);
        admin.declareQueue(queue);
        var latch = new CountDownLatch(count);
        var container = new SimpleMessageListenerContainer(connectionFactory);
        container.setQueueNames(queue.getName());
        container.setConcurrentConsumers(4);
        container.setPrefetchCount(4);
        container.setMessageListener(m -> latch.countDown());
        container.afterPropertiesSet();
        container.start();
        var template = new RabbitTemplate(connectionFactory);
        long started = System.nanoTime();
        var confirms = new ArrayList<CorrelationData>();
        for (int i = 0; i < count; i++) {
            var correlation = new CorrelationData(Integer.toString(i));
            template.send(
                    "",
                    queue.getName(),
                    MessageBuilder.withBody(("m" + i).getBytes()).build(),
                    correlation);
            confirms.add(correlation);
            if (confirms.size() == 200) { // the relay's batch: publish 200, then wait for their confirms
                for (var c : confirms) {
                    c.getFuture().get(10, TimeUnit.SECONDS);
                }
                confirms.clear();
            }
        }
        for (var c : confirms) {
            c.getFuture().get(10, TimeUnit.SECONDS);
        }
        assertThat(latch.await(5, TimeUnit.MINUTES)).isTrue();
        double rate = count / ((System.nanoTime() - started) / 1e9);
        container.stop();
        admin.deleteQueue(queue.getName());
        return rate;
    }
}
