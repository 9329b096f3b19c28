package app.assets.notification.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.assets.notification.NotificationProperties;
import app.assets.support.TestServices;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The notification queues are durable, classic by default and on the embedded broker, and quorum queues on RabbitMQ
 * when {@code assets.notifications.queue-type=quorum}: declared on the machine's RabbitMQ, which then holds them as
 * quorum queues (it refuses to declare one of them again as classic) and carries messages through them.
 */
class NotificationQueuesTest {

    @Test
    void queuesAreDurableAndClassicByDefault() {
        var queues = queues(NotificationQueues.topology(properties(Map.of()), false));

        assertThat(queues).hasSize(6).allSatisfy(queue -> {
            assertThat(queue.isDurable()).isTrue();
            assertThat(queue.getArguments()).doesNotContainKey("x-queue-type");
        });
    }

    @Test
    void theEmbeddedBrokerKeepsClassicQueuesEvenWhenQuorumIsAskedFor() {
        var queues = queues(NotificationQueues.topology(properties(Map.of("queue-type", "quorum")), true));

        assertThat(queues)
                .hasSize(6)
                .allSatisfy(queue -> assertThat(queue.getArguments()).doesNotContainKey("x-queue-type"));
    }

    @Test
    void onRabbitMqTheQueuesAreQuorumQueuesWhenAskedFor() {
        String prefix = TestServices.freshAmqpPrefix().get();
        var properties = properties(Map.of("queue-type", "quorum", "amqp-prefix", prefix, "queue-expiry", "10m"));
        var topology = NotificationQueues.topology(properties, false);
        assertThat(queues(topology)).hasSize(6).allSatisfy(queue -> {
            assertThat(queue.isDurable()).isTrue();
            assertThat(queue.getArguments()).containsEntry("x-queue-type", "quorum");
        });

        var connections = new CachingConnectionFactory(TestServices.amqpHost(), TestServices.amqpPort());
        var admin = new RabbitAdmin(connections);
        try {
            String product = connections
                    .createConnection()
                    .getDelegate()
                    .getServerProperties()
                    .get("product")
                    .toString();
            assertThat(product)
                    .as("quorum queues need RabbitMQ on %s:%s", TestServices.amqpHost(), TestServices.amqpPort())
                    .isEqualTo("RabbitMQ");
            topology.getDeclarables().forEach(declarable -> {
                switch (declarable) {
                    case Queue queue -> admin.declareQueue(queue);
                    case org.springframework.amqp.core.Exchange exchange -> admin.declareExchange(exchange);
                    case org.springframework.amqp.core.Binding binding -> admin.declareBinding(binding);
                    default -> throw new IllegalStateException("unexpected " + declarable);
                }
            });

            String sms = properties.queue("sms");
            assertThatThrownBy(() -> admin.declareQueue(
                            QueueBuilder.durable(sms).expires(600_000).build()))
                    .as("RabbitMQ holds %s as a quorum queue, so a classic declaration of it is refused", sms)
                    .hasStackTraceContaining("x-queue-type");

            var rabbit = new RabbitTemplate(connections);
            rabbit.convertAndSend(properties.exchange(), "sms", "a delivery id");
            assertThat(rabbit.receiveAndConvert(sms, 5_000)).isEqualTo("a delivery id");
        } finally {
            queues(topology).forEach(queue -> admin.deleteQueue(queue.getName()));
            admin.deleteExchange(properties.exchange());
            admin.deleteExchange(properties.deadLetterExchange());
            connections.destroy();
        }
    }

    static NotificationProperties properties(Map<String, String> settings) {
        var source = new java.util.HashMap<String, String>();
        settings.forEach((key, value) -> source.put("assets.notifications." + key, value));
        return new Binder(new MapConfigurationPropertySource(source))
                .bindOrCreate("assets.notifications", NotificationProperties.class);
    }

    private static List<Queue> queues(Declarables topology) {
        return topology.getDeclarablesByType(Queue.class);
    }
}
