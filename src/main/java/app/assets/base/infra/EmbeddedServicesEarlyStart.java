package app.assets.base.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.catalina.webresources.TomcatURLStreamHandlerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Starts the embedded PostgreSQL of a local run on a thread of its own as soon as the
 * configuration is known, before Spring scans and creates the beans (issue 11: start-up): the
 * first start's {@code initdb} and PostgreSQL's start run beside the context's own start-up
 * instead of in the middle of the bean creation. The bean of {@link EmbeddedPostgresConfiguration}
 * takes the started server (waiting for it if it is not up yet) and stops it at shutdown as
 * before; a start that failed fails the bean with the same exception. Only {@code
 * Application.main} registers this listener: tests, which start the application without {@code
 * main}, start PostgreSQL in the bean as before. A server started here but never taken (the
 * context failed earlier) is stopped when the JVM exits. The embedded Qpid broker starts here the
 * same way (about a second on this machine, before in the middle of the bean creation): it resolves
 * {@code classpath:} URLs, which Tomcat's URL handlers serve, so they are registered first, as
 * Tomcat itself does later at its start (before, this early, it failed with "unknown protocol:
 * classpath").
 */
public final class EmbeddedServicesEarlyStart implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    private static final Map<String, CompletableFuture<?>> STARTING = new ConcurrentHashMap<>();

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        Environment env = event.getEnvironment();
        var properties = Binder.get(env).bindOrCreate("assets.embedded", EmbeddedServicesProperties.class);
        if (ExternalServiceConditions.noExternalDatabase(env)) {
            begin(
                    postgresKey(properties),
                    "embedded-postgres-start",
                    () -> EmbeddedPostgresConfiguration.start(properties));
        }
        if (ExternalServiceConditions.noExternalBroker(env)) {
            TomcatURLStreamHandlerFactory.register();
            begin(amqpKey(properties), "embedded-amqp-start", () -> EmbeddedAmqpConfiguration.start(properties));
        }
    }

    /** The broker started early for these settings, or one started now. */
    static EmbeddedAmqpBroker amqpBroker(EmbeddedServicesProperties properties) {
        return take(amqpKey(properties), () -> EmbeddedAmqpConfiguration.start(properties));
    }

    /** The PostgreSQL started early for these settings, or one started now. */
    static EmbeddedPostgres postgres(EmbeddedServicesProperties properties) {
        return take(postgresKey(properties), () -> EmbeddedPostgresConfiguration.start(properties));
    }

    private static <T extends AutoCloseable> void begin(String key, String thread, Supplier<T> start) {
        var future = new CompletableFuture<T>();
        if (STARTING.putIfAbsent(key, future) != null) {
            return;
        }
        Thread.ofPlatform().name(thread).daemon().start(() -> {
            try {
                future.complete(start.get());
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        });
        // Not taken by a bean (the context failed before): stop it with the JVM.
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            if (STARTING.remove(key) != null) {
                future.thenAccept(EmbeddedServicesEarlyStart::closeQuietly);
            }
        }));
    }

    @SuppressWarnings("unchecked")
    private static <T> T take(String key, Supplier<T> startNow) {
        var future = (CompletableFuture<T>) STARTING.remove(key);
        if (future == null) {
            return startNow.get();
        }
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    private static void closeQuietly(AutoCloseable server) {
        try {
            server.close();
        } catch (Exception ignored) {
            // the JVM is exiting
        }
    }

    private static String amqpKey(EmbeddedServicesProperties p) {
        return "amqp " + p.dataDir().toAbsolutePath() + " " + p.amqpPort();
    }

    private static String postgresKey(EmbeddedServicesProperties p) {
        return "postgres " + p.dataDir().toAbsolutePath() + " " + p.postgresPort();
    }
}
