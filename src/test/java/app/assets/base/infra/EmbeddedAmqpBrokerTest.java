package app.assets.base.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/** The embedded broker of a local run speaks AMQP 0-9-1 to Spring AMQP, confirms publishes, and frees its port when stopped. */
class EmbeddedAmqpBrokerTest {

    @Test
    void publishesWithConfirmsConsumesAndStopsCleanly(@TempDir Path work) throws Exception {
        int port = freePort();
        var broker = new EmbeddedAmqpBroker(port, work);
        broker.start();
        var factory = new CachingConnectionFactory("127.0.0.1", port);
        factory.setUsername("guest");
        factory.setPassword("guest");
        factory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.CORRELATED);
        try {
            new RabbitAdmin(factory).declareQueue(new Queue("embedded-test", true));
            var template = new RabbitTemplate(factory);
            var confirm = new CorrelationData("m1");
            template.convertAndSend("", "embedded-test", "hello", confirm);
            assertThat(confirm.getFuture().get(10, TimeUnit.SECONDS).ack()).isTrue();
            assertThat(template.receiveAndConvert("embedded-test", 5_000)).isEqualTo("hello");
        } finally {
            factory.destroy();
            broker.stop();
        }
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(IOException.class);
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
