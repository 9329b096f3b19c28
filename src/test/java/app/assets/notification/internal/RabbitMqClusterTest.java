package app.assets.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;

import app.assets.notification.NotificationProperties;
import app.assets.notification.service.OutboxRelay;
import app.assets.support.TestServices;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The notification queues on a real three-node RabbitMQ cluster (ops/rabbitmq-cluster.sh, started and removed here):
 * the application's own RabbitMQ settings with {@code spring.rabbitmq.addresses} listing the three nodes, its queue
 * declarations with {@code queue-type=quorum}, and the outbox relay's messages published with confirms. The node that
 * leads a channel queue is stopped: a new leader is elected on the other two, publishing with confirms and consuming
 * go on through them, the node comes back as a member again, and every notification arrives exactly once.
 *
 * <p>Runs where RabbitMQ is installed ({@code /usr/lib/rabbitmq/bin/rabbitmq-server}, as on CI, which warns when it is
 * not); elsewhere it is reported as skipped. About 75 s on a busy machine, half of it the nodes starting.
 */
@EnabledIf(value = "rabbitMqInstalled", disabledReason = "RabbitMQ is not installed: no cluster to test against")
class RabbitMqClusterTest {

    private static final Logger log = LoggerFactory.getLogger(RabbitMqClusterTest.class);
    private static final Path SCRIPT = Path.of("ops/rabbitmq-cluster.sh");
    private static final int BATCH = 200;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static boolean rabbitMqInstalled() {
        return Files.isExecutable(Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server"));
    }

    @BeforeAll
    static void startCluster() {
        long started = System.nanoTime();
        cluster("start");
        log.info("RabbitMQ cluster started in {} ms", (System.nanoTime() - started) / 1_000_000);
    }

    @AfterAll
    static void removeCluster() {
        cluster("stop");
    }

    @Test
    void notificationsOutliveTheNodeThatLeadsTheirQueue() {
        String prefix = TestServices.freshAmqpPrefix().get();
        var properties = NotificationQueuesTest.properties(Map.of("queue-type", "quorum", "amqp-prefix", prefix));
        String channel = "email";
        String queue = properties.queue(channel);

        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(RabbitAutoConfiguration.class))
                .withPropertyValues(applicationRabbitSettings())
                .withPropertyValues(
                        "spring.rabbitmq.addresses=" + cluster("addresses").strip())
                .withBean(Declarables.class, () -> NotificationQueues.topology(properties, false))
                .run(context -> {
                    var connections = context.getBean(CachingConnectionFactory.class);
                    var rabbit = context.getBean(RabbitTemplate.class);
                    var received = new ConcurrentHashMap<String, Integer>();
                    var published = new ArrayList<String>();

                    // Declared by the application's RabbitAdmin on the first connection: quorum queues, on all three.
                    publish(rabbit, properties, channel, published);
                    var before = queueInfo("a", queue);
                    assertThat(before.path("type").asString()).isEqualTo("quorum");
                    assertThat(names(before.path("members"))).hasSize(3);
                    String leader = before.path("leader").asString();
                    log.info(
                            "{} led by {} with members {}; the client is on port {}",
                            queue,
                            leader,
                            names(before.path("members")),
                            port(connections));
                    assertThat(published).hasSize(BATCH);

                    String down = leader.substring("assets-".length(), "assets-".length() + 1);
                    String survivor = down.equals("a") ? "b" : "a";
                    long stopping = System.nanoTime();
                    cluster("stop-node", down);
                    var after = awaitLeaderOtherThan(survivor, queue, leader);
                    log.info(
                            "{} stopped; {} now led by {} after {} ms",
                            leader,
                            queue,
                            after.path("leader").asString(),
                            (System.nanoTime() - stopping) / 1_000_000);
                    // asked through the client, now on another node: the new leader answers
                    var admin = context.getBean(AmqpAdmin.class);
                    assertThat(admin.getQueueInfo(queue).getMessageCount())
                            .as("the messages published before the leader's node stopped are all still there")
                            .isEqualTo(BATCH);

                    // Publishing with confirms and consuming go on through the other two nodes.
                    publish(rabbit, properties, channel, published);
                    log.info("published a second batch through the client now on port {}", port(connections));
                    var consumer = consumer(connections, queue, received);
                    consumer.start();
                    try {
                        awaitAll(received, published);

                        cluster("start-node", down);
                        var back = awaitOnline(survivor, queue, 3);
                        log.info(
                                "{} back: members {} online {}",
                                leader,
                                names(back.path("members")),
                                names(back.path("online")));
                        publish(rabbit, properties, channel, published);
                        awaitAll(received, published);
                        Thread.sleep(1000); // time for a duplicate to show up, if there were one
                    } finally {
                        consumer.stop();
                    }

                    assertThat(published).hasSize(3 * BATCH).doesNotHaveDuplicates();
                    assertThat(received.keySet())
                            .as("every notification published with a confirm arrives")
                            .containsExactlyInAnyOrderElementsOf(published);
                    assertThat(received.values()).as("and arrives once").allMatch(count -> count == 1);
                    assertThat(admin.getQueueInfo(queue).getMessageCount()).isZero();
                });
    }

    /** Publishes a batch the way the outbox relay does: persistent, with a confirm awaited for each message. */
    private static void publish(
            RabbitTemplate rabbit, NotificationProperties properties, String channel, List<String> published)
            throws Exception {
        var pending = new ArrayList<CorrelationData>();
        for (int i = 0; i < BATCH; i++) {
            var id = UUID.randomUUID();
            var correlation = new CorrelationData(id.toString());
            rabbit.send(properties.exchange(), channel, OutboxRelay.message(id), correlation);
            pending.add(correlation);
        }
        for (var correlation : pending) {
            var confirm = correlation.getFuture().get(10, TimeUnit.SECONDS);
            assertThat(confirm.ack())
                    .as("confirm of %s: %s", correlation.getId(), confirm.reason())
                    .isTrue();
            assertThat(correlation.getReturned())
                    .as("%s was routed", correlation.getId())
                    .isNull();
            published.add(correlation.getId());
        }
    }

    /** A consumer with the application's container settings, counting each delivery id it gets. */
    private static SimpleMessageListenerContainer consumer(
            CachingConnectionFactory connections, String queue, Map<String, Integer> received) {
        var container = new SimpleMessageListenerContainer(connections);
        container.setQueueNames(queue);
        container.setConcurrentConsumers(2);
        container.setPrefetchCount(2);
        container.setAcknowledgeMode(AcknowledgeMode.AUTO);
        container.setDefaultRequeueRejected(false);
        container.setRecoveryInterval(2000);
        container.setMissingQueuesFatal(false);
        container.setMessageListener(
                message -> received.merge(new String(message.getBody(), StandardCharsets.US_ASCII), 1, Integer::sum));
        container.afterPropertiesSet();
        return container;
    }

    private static void awaitAll(Map<String, Integer> received, List<String> published) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!received.keySet().containsAll(published) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private static JsonNode awaitLeaderOtherThan(String node, String queue, String oldLeader)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode info = queueInfo(node, queue);
        while (System.nanoTime() < deadline) {
            String leader = info.path("leader").asString();
            if (!leader.isEmpty()
                    && !leader.equals(oldLeader)
                    && info.path("online").size() == 2) {
                return info;
            }
            Thread.sleep(250);
            info = queueInfo(node, queue);
        }
        throw new AssertionError("no new leader for " + queue + " after " + oldLeader + " stopped: " + info);
    }

    private static JsonNode awaitOnline(String node, String queue, int members) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode info = queueInfo(node, queue);
        while (info.path("online").size() < members && System.nanoTime() < deadline) {
            Thread.sleep(250);
            info = queueInfo(node, queue);
        }
        assertThat(info.path("online").size())
                .as("online members of %s: %s", queue, info)
                .isEqualTo(members);
        return info;
    }

    /** One queue as RabbitMQ lists it: type, leader, members and online members. */
    private static JsonNode queueInfo(String node, String queue) {
        String out = cluster(
                "ctl",
                node,
                "-q",
                "list_queues",
                "name",
                "type",
                "leader",
                "members",
                "online",
                "--formatter",
                "json",
                "--timeout",
                "20");
        for (JsonNode row : JSON.readTree(out)) {
            if (row.path("name").asString().equals(queue)) {
                return row;
            }
        }
        throw new AssertionError(queue + " not listed by node " + node + ": " + out);
    }

    private static Set<String> names(JsonNode array) {
        var names = new java.util.TreeSet<String>();
        array.forEach(name -> names.add(name.asString()));
        return names;
    }

    private static int port(CachingConnectionFactory connections) {
        return connections.createConnection().getDelegate().getPort();
    }

    /** The application's own spring.rabbitmq settings (publisher confirms and returns, mandatory). */
    private static String[] applicationRabbitSettings() {
        var settings = new Properties();
        try (InputStream in = RabbitMqClusterTest.class.getResourceAsStream("/application.properties")) {
            settings.load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        var rabbit = settings.stringPropertyNames().stream()
                .filter(name -> name.startsWith("spring.rabbitmq."))
                .map(name -> name + "=" + settings.getProperty(name))
                .collect(Collectors.toList());
        assertThat(rabbit).contains("spring.rabbitmq.publisher-confirm-type=correlated");
        return rabbit.toArray(String[]::new);
    }

    private static String cluster(String... args) {
        var command = new ArrayList<String>();
        command.add(SCRIPT.toString());
        command.addAll(List.of(args));
        try {
            var process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(180, TimeUnit.SECONDS))
                    .as("%s finished", command)
                    .isTrue();
            assertThat(process.exitValue()).as("%s: %s", command, out).isZero();
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
