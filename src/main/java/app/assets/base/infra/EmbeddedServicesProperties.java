package app.assets.base.infra;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Where and on which ports the embedded PostgreSQL and AMQP broker of a local run live. */
@ConfigurationProperties("assets.embedded")
public record EmbeddedServicesProperties(
        @DefaultValue("data") Path dataDir,
        @DefaultValue("15432") int postgresPort,
        @DefaultValue("15672") int amqpPort) {}
