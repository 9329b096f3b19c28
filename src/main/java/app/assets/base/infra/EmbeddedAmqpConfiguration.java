package app.assets.base.infra;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Starts an embedded AMQP 0-9-1 broker (Qpid Broker-J, in memory) for a local run when no external
 * RabbitMQ is configured, and points Spring AMQP's connection factory at it.
 *
 * <p>In a local run the broker is started beside the context's start-up (issue 11), by {@link
 * EmbeddedServicesEarlyStart}, and the bean takes it (waiting for it if it is not up yet); tests,
 * which do not go through {@code Application.main}, start it here. ({@code @Bean(bootstrap =
 * BACKGROUND)}, used before, still started it on the main thread, in the middle of the bean
 * creation: the log showed it created right after the connection factory.) The connection factory
 * only needs the port, and is made a dependent of the broker so it closes first.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(ExternalServiceConditions.NoExternalBroker.class)
class EmbeddedAmqpConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedAmqpConfiguration.class);

    static final String BROKER_BEAN = "embeddedAmqpBroker";

    @Bean(name = BROKER_BEAN, destroyMethod = "stop")
    EmbeddedAmqpBroker embeddedAmqpBroker(EmbeddedServicesProperties properties) {
        return EmbeddedServicesEarlyStart.amqpBroker(properties);
    }

    static EmbeddedAmqpBroker start(EmbeddedServicesProperties properties) {
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
    CachingConnectionFactory rabbitConnectionFactory(
            EmbeddedServicesProperties properties, ConfigurableListableBeanFactory beanFactory) {
        // Destroyed before the broker, without waiting for the broker to be created.
        beanFactory.registerDependentBean(BROKER_BEAN, "rabbitConnectionFactory");
        var factory = new CachingConnectionFactory("127.0.0.1", properties.amqpPort());
        factory.setUsername("guest");
        factory.setPassword("guest");
        factory.setVirtualHost("/");
        factory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
        factory.setPublisherReturns(true);
        return factory;
    }
}
