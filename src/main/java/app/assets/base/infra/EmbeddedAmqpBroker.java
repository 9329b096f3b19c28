package app.assets.base.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.qpid.server.SystemLauncher;

/** In-memory Apache Qpid Broker-J AMQP 0-9-1 broker (guest/guest, vhost "/") for local development and tests. */
public class EmbeddedAmqpBroker implements AutoCloseable {

    private static final String INITIAL_CONFIG = "qpid-embedded.json";

    private final int port;
    private final Path workDir;
    private SystemLauncher launcher;

    public EmbeddedAmqpBroker(int port, Path workDir) {
        this.port = port;
        this.workDir = workDir;
    }

    public synchronized void start() {
        if (launcher != null) {
            return;
        }
        URL config = EmbeddedAmqpBroker.class.getClassLoader().getResource(INITIAL_CONFIG);
        if (config == null) {
            throw new IllegalStateException("Classpath resource " + INITIAL_CONFIG + " not found");
        }
        try {
            Files.createDirectories(workDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String work = workDir.toAbsolutePath().toString();

        Map<String, String> context = new HashMap<>();
        context.put("qpid.amqp_port", Integer.toString(port));
        context.put("QPID_WORK", work);
        context.put("qpid.work_dir", work);

        Map<String, Object> attributes = new HashMap<>();
        attributes.put("type", "Memory");
        attributes.put("initialConfigurationLocation", config.toExternalForm());
        attributes.put("startupLoggedToSystemOut", false);
        attributes.put("preferenceStoreAttributes", Map.of("type", "Noop"));
        attributes.put("context", context);

        SystemLauncher newLauncher = new SystemLauncher();
        try {
            newLauncher.startup(attributes);
        } catch (Exception e) {
            newLauncher.shutdown();
            throw new IllegalStateException("Failed to start embedded AMQP broker on port " + port, e);
        }
        launcher = newLauncher;
    }

    public synchronized void stop() {
        if (launcher != null) {
            try {
                launcher.shutdown();
            } finally {
                launcher = null;
            }
        }
    }

    @Override
    public void close() {
        stop();
    }
}
