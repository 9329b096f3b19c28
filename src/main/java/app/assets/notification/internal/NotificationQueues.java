package app.assets.notification.internal;

import app.assets.base.infra.EmbeddedAmqpBroker;
import app.assets.notification.NotificationProperties;
import app.assets.notification.domain.Channel;
import app.assets.notification.service.DeliveryWorker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.amqp.core.BatchMessageListener;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.ConditionalRejectingErrorHandler;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The RabbitMQ side: a direct exchange routing by channel to one durable queue per channel (classic, or quorum on a
 * RabbitMQ cluster when {@code assets.notifications.queue-type=quorum}), a
 * dead-letter exchange routing to one ".dead" queue per channel, and the consumers of those queues (in this node when
 * {@code assets.notifications.consumers} is true; every node that consumes shares the queues).
 */
@Configuration(proxyBeanMethods = false)
class NotificationQueues {

    private static final Logger log = LoggerFactory.getLogger(NotificationQueues.class);

    @Bean
    Declarables notificationTopology(NotificationProperties properties, ListableBeanFactory beans) {
        // By type, not by instance: the embedded broker starts in the background and is not waited for here.
        return topology(properties, beans.getBeanNamesForType(EmbeddedAmqpBroker.class, false, false).length > 0);
    }

    /** Exchanges, queues and bindings; quorum queues only when asked for and the broker is not the embedded one. */
    static Declarables topology(NotificationProperties properties, boolean embeddedBroker) {
        boolean quorum = properties.queueType() == NotificationProperties.QueueType.QUORUM;
        if (quorum && embeddedBroker) {
            log.warn(
                    "assets.notifications.queue-type=quorum, but the embedded broker has classic queues only: using those");
            quorum = false;
        }
        var exchange = new DirectExchange(properties.exchange(), true, false);
        var deadLetters = new DirectExchange(properties.deadLetterExchange(), true, false);
        List<Declarable> all = new ArrayList<>(List.of(exchange, deadLetters));
        for (Channel channel : Channel.values()) {
            // Dead-lettering is done by the consumer (it republishes to the dead-letter exchange), not by
            // x-dead-letter-exchange: the embedded Qpid broker of local runs refuses that argument.
            var builder = QueueBuilder.durable(properties.queue(channel.key()));
            var deadBuilder = QueueBuilder.durable(properties.deadLetterQueue(channel.key()));
            if (quorum) {
                builder.quorum();
                deadBuilder.quorum();
            }
            if (properties.queueExpiry() != null) {
                builder.expires((int) properties.queueExpiry().toMillis());
                deadBuilder.expires((int) properties.queueExpiry().toMillis());
            }
            Queue queue = builder.build();
            Queue dead = deadBuilder.build();
            Binding binding = BindingBuilder.bind(queue).to(exchange).with(channel.key());
            Binding deadBinding = BindingBuilder.bind(dead).to(deadLetters).with(channel.key());
            all.addAll(List.of(queue, dead, binding, deadBinding));
        }
        return new Declarables(all);
    }

    @Bean
    NotificationConsumers notificationConsumers(
            ConnectionFactory connectionFactory,
            NotificationProperties properties,
            DeliveryWorker worker,
            RabbitTemplate rabbit) {
        return new NotificationConsumers(connectionFactory, properties, worker, rabbit);
    }

    /** Spring AMQP's error handling, without a warning and stack trace for a delivery a stopping node hands back. */
    static class HandBackQuietly extends ConditionalRejectingErrorHandler {

        @Override
        protected void log(Throwable t) {
            if (t.getCause() instanceof ImmediateRequeueAmqpException handedBack) {
                logger.info(handedBack.getMessage());
            } else {
                super.log(t);
            }
        }
    }

    /** One listener container per channel queue, started only where consumers are enabled. */
    static class NotificationConsumers implements SmartLifecycle {

        private final List<SimpleMessageListenerContainer> containers = new ArrayList<>();
        private final boolean enabled;
        private final DeliveryWorker worker;

        NotificationConsumers(
                ConnectionFactory connectionFactory,
                NotificationProperties properties,
                DeliveryWorker worker,
                RabbitTemplate rabbit) {
            this.enabled = properties.consumers();
            this.worker = worker;
            for (Channel channel : Channel.values()) {
                var container = new SimpleMessageListenerContainer(connectionFactory);
                container.setQueueNames(properties.queue(channel.key()));
                container.setConcurrentConsumers(Math.max(1, properties.concurrency()));
                // Each consumer takes up to consumer-batch messages (or what arrived within consumer-batch-wait),
                // claims
                // them with one statement, sends them, records them with one statement, then acknowledges them all.
                container.setConsumerBatchEnabled(true);
                container.setBatchSize(Math.max(1, properties.consumerBatch()));
                container.setReceiveTimeout(
                        Math.max(1, properties.consumerBatchWait().toMillis()));
                container.setPrefetchCount(Math.max(1, properties.consumerBatch()));
                // A message whose handling throws is dead-lettered, never requeued in a loop; the relay
                // publishes a still-queued row again later if that was not the end of it.
                container.setDefaultRequeueRejected(false);
                container.setRecoveryInterval(2000);
                container.setMissingQueuesFatal(false);
                // On stop, sends under way get this long to finish; messages not acknowledged by then go back to
                // RabbitMQ (their notifications stay queued: DeliveryWorker hands back what it has not begun).
                container.setShutdownTimeout(properties.shutdownTimeout().toMillis());
                container.setErrorHandler(new HandBackQuietly());
                container.setMessageListener((BatchMessageListener) messages -> worker.deliverAll(
                        messages.stream()
                                .map(m -> new String(m.getBody(), java.nio.charset.StandardCharsets.US_ASCII))
                                .toList(),
                        (index, failed) -> {
                            // failed for good: park a copy in the channel's dead-letter queue; the original is acked
                            var message = messages.get(index);
                            message.getMessageProperties()
                                    .setHeader("x-assets-failure", String.valueOf(failed.getMessage()));
                            rabbit.send(properties.deadLetterExchange(), channel.key(), message);
                        }));
                container.setBeanName("notification-consumer-" + channel.key());
                container.afterPropertiesSet();
                containers.add(container);
            }
        }

        @Override
        public void start() {
            if (enabled) {
                worker.resume();
                containers.forEach(SimpleMessageListenerContainer::start);
            }
        }

        /**
         * Hands back deliveries not begun or waiting for a retry, then stops the channels' containers side by side, so
         * the node waits for its sends under way at most one {@code shutdown-timeout}, not one per channel.
         */
        @Override
        public void stop() {
            var stopping = containers.stream()
                    .map(container -> CompletableFuture.runAsync(container::stop))
                    .toList();
            worker.handBack();
            stopping.forEach(CompletableFuture::join);
        }

        @Override
        public boolean isRunning() {
            return containers.stream().anyMatch(SimpleMessageListenerContainer::isRunning);
        }

        @Override
        public int getPhase() {
            return Integer.MAX_VALUE - 2100;
        }
    }
}
