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
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
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
    static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    /**
     * What answers the Twilio SDK: {@code jdk} (default) a JDK HTTP server that answers every POST to
     * {@code .../Messages.json} with 201 and a message resource, costing little CPU, so the figure is the pipeline's
     * and not the stand-in's (Twilio's servers do not run on our cores); {@code wiremock} the WireMock stand-in the
     * tests use, whose request matching and Jetty took about 40 % of the JVM's CPU samples in this benchmark.
     */
    static final String STAND_IN = System.getProperty("bench.twilio-stand-in", "jdk");

    static final String MESSAGE = "{\"sid\":\"SM" + "1".repeat(32) + "\",\"status\":\"queued\"}";
    static final TwilioStandIn TWILIO = STAND_IN.equals("wiremock") ? wireMock() : jdkServer();

    /** A running stand-in: its base URL, and how to stop it. */
    record TwilioStandIn(String baseUrl, Runnable stop) {}

    static TwilioStandIn wireMock() {
        var server = new WireMockServer(options()
                .dynamicPort()
                .bindAddress("127.0.0.1")
                .containerThreads(16)
                .gzipDisabled(true)
                .disableRequestJournal());
        server.start();
        server.stubFor(post(urlPathMatching(".*/Messages.json"))
                .willReturn(aResponse()
                        .withStatus(201)
                        .withHeader("Content-Type", "application/json")
                        .withBody(MESSAGE)));
        return new TwilioStandIn(server.baseUrl(), server::stop);
    }

    static TwilioStandIn jdkServer() {
        try {
            var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            byte[] body = MESSAGE.getBytes(StandardCharsets.UTF_8);
            server.createContext("/", exchange -> {
                try (exchange) {
                    exchange.getRequestBody().transferTo(OutputStream.nullOutputStream());
                    boolean ok = "POST".equals(exchange.getRequestMethod())
                            && exchange.getRequestURI().getPath().endsWith("/Messages.json");
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(ok ? 201 : 404, ok ? body.length : -1);
                    if (ok) {
                        exchange.getResponseBody().write(body);
                    }
                }
            });
            var threads = Executors.newFixedThreadPool(
                    4, Thread.ofPlatform().name("twilio-stand-in-", 1).factory());
            server.setExecutor(threads);
            server.start();
            return new TwilioStandIn("http://127.0.0.1:" + server.getAddress().getPort(), () -> {
                server.stop(0);
                threads.shutdownNow();
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void twilio(DynamicPropertyRegistry registry) {
        registry.add("assets.notifications.twilio.api-base-url", TWILIO::baseUrl);
    }

    @AfterAll
    static void stop() {
        TWILIO.stop().run();
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
        // warm-up of both loops (the JIT compiles the pipeline's and the AMQP client's paths before anything is timed)
        run(users, MESSAGES, 1);
        raw(MESSAGES);
        // rounds: each measures the pipeline with one and with four threads raising, then the raw broker loop, so
        // every figure has neighbours taken under the same conditions; the ratios use the medians of the rounds
        var oneThread = new ArrayList<double[]>();
        var fourThreads = new ArrayList<double[]>();
        var raw = new ArrayList<Double>();
        var rows = new ArrayList<String>();
        for (int round = 1; round <= ROUNDS; round++) {
            var one = run(users, MESSAGES, 1);
            // the same events raised by four threads at once (requests of several users), into the same pipeline
            var four = run(users, MESSAGES, PRODUCERS);
            double broker = raw(MESSAGES * 3);
            oneThread.add(one);
            fourThreads.add(four);
            raw.add(broker);
            rows.add(String.format(
                    Locale.ROOT,
                    "| %d | %.0f | %.0f | %.0f | %.0f | %.0f | %.2f | %.2f |",
                    round,
                    one[0],
                    one[1],
                    four[0],
                    four[1],
                    broker,
                    one[0] / broker,
                    four[0] / broker));
        }
        double endToEnd = median(oneThread.stream().mapToDouble(r -> r[0]).toArray());
        double concurrent = median(fourThreads.stream().mapToDouble(r -> r[0]).toArray());
        double broker = median(raw.stream().mapToDouble(Double::doubleValue).toArray());
        double bestBroker = raw.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        var table = new ArrayList<String>();
        table.add(String.format(
                Locale.ROOT,
                "End to end: event transaction -> outbox -> relay (confirms) -> SMS consumer -> Twilio SDK -> %s; %d"
                        + " messages per measurement. Raw: publish with confirms, persistent, and consume (one queue,"
                        + " same broker), %d messages. Rates in messages/s.",
                STAND_IN.equals("wiremock") ? "WireMock" : "a JDK HTTP server",
                MESSAGES,
                MESSAGES * 3));
        table.add("");
        table.add("| round | end to end, 1 thread raising | raising, 1 thread | end to end, " + PRODUCERS
                + " threads raising | raising, " + PRODUCERS + " threads | raw RabbitMQ | ratio, 1 thread | ratio, "
                + PRODUCERS + " threads |");
        table.add("| --- | --- | --- | --- | --- | --- | --- | --- |");
        table.addAll(rows);
        table.add("");
        table.add(String.format(
                Locale.ROOT,
                "End to end / raw RabbitMQ, medians of %d rounds: %.2f (one thread raising), %.2f (%d threads);"
                        + " against the best raw round: %.2f and %.2f.",
                ROUNDS,
                endToEnd / broker,
                concurrent / broker,
                PRODUCERS,
                endToEnd / bestBroker,
                concurrent / bestBroker));
        table.add("");
        table.add("Run " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors() + " cores, RabbitMQ at "
                + TestServices.amqpHost() + ":" + TestServices.amqpPort() + ".");
        String text = String.join("\n", table);
        System.out.println("\n" + text + "\n");
        Files.createDirectories(Path.of("target/benchmarks"));
        Files.writeString(Path.of("target/benchmarks/notifications.md"), text + "\n");
        assertThat(endToEnd).isPositive();
    }

    private static double median(double[] values) {
        var sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
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
