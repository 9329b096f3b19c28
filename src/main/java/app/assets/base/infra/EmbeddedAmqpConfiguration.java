package app.assets.base.infra;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Starts an embedded AMQP 0-9-1 broker (Qpid Broker-J, in memory) for a local run when no external
 * RabbitMQ is configured, and points Spring AMQP's connection factory at it.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(ExternalServiceConditions.NoExternalBroker.class)
class EmbeddedAmqpConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedAmqpConfiguration.class);

    @Bean(destroyMethod = "stop")
    EmbeddedAmqpBroker embeddedAmqpBroker(EmbeddedServicesProperties properties) {
        long started = System.nanoTime();
        var broker = new EmbeddedAmqpBroker(
                properties.amqpPort(), properties.dataDir().resolve("amqp"));
        broker.start();
        log.info(
                "Embedded AMQP broker started on port {} ({} ms)",
                properties.amqpPort(),
                (System.nanoTime() - started) / 1_000_000);
        return broker;
    }

    @Bean
    CachingConnectionFactory rabbitConnectionFactory(EmbeddedAmqpBroker broker, EmbeddedServicesProperties properties) {
        var factory = new CachingConnectionFactory("127.0.0.1", properties.amqpPort());
        factory.setUsername("guest");
        factory.setPassword("guest");
        factory.setVirtualHost("/");
        factory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
        factory.setPublisherReturns(true);
        return factory;
    }
}
