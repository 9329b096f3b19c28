package app.assets.support;

import app.assets.base.infra.EmbeddedAmqpBroker;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The real services tests run against: the machine's PostgreSQL (a fresh database per test JVM,
 * dropped at exit) and RabbitMQ. Where a machine has neither running, an embedded PostgreSQL and
 * AMQP broker take their place so the tests still talk to real servers.
 * Override with ASSETS_TEST_PG (host:port, default 127.0.0.1:5432) and ASSETS_TEST_AMQP (host:port).
 */
public final class TestServices {

    private static String jdbcUrl;
    private static String amqpHost;
    private static int amqpPort;

    private TestServices() {
    }

    public static synchronized String jdbcUrl() {
        if (jdbcUrl == null) {
            String pg = System.getenv().getOrDefault("ASSETS_TEST_PG", "127.0.0.1:5432");
            String[] hostPort = pg.split(":");
            if (reachable(hostPort[0], Integer.parseInt(hostPort[1]))) {
                String database = "assets_test_" + ProcessHandle.current().pid() + "_" + (System.nanoTime() % 1_000_000);
                String admin = "jdbc:postgresql://" + pg + "/postgres";
                execute(admin, "create database " + database);
                Runtime.getRuntime().addShutdownHook(new Thread(() ->
                        execute(admin, "drop database if exists " + database + " with (force)")));
                jdbcUrl = "jdbc:postgresql://" + pg + "/" + database;
            } else {
                try {
                    var embedded = EmbeddedPostgres.builder().start();
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        try {
                            embedded.close();
                        } catch (IOException ignored) {
                            // the JVM is exiting
                        }
                    }));
                    jdbcUrl = embedded.getJdbcUrl("postgres", "postgres");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return jdbcUrl;
    }

    private static final String AMQP_PREFIX = "test-" + ProcessHandle.current().pid() + "-" + (System.nanoTime() % 1_000_000);

    /** Prefix of this JVM's notification exchanges and queues, so concurrent runs never share them. */
    public static String amqpPrefix() {
        return AMQP_PREFIX;
    }

    public static synchronized String amqpHost() {
        startAmqp();
        return amqpHost;
    }

    public static synchronized int amqpPort() {
        startAmqp();
        return amqpPort;
    }

    private static void startAmqp() {
        if (amqpHost != null) {
            return;
        }
        String amqp = System.getenv().getOrDefault("ASSETS_TEST_AMQP", "127.0.0.1:5672");
        String[] hostPort = amqp.split(":");
        if (reachable(hostPort[0], Integer.parseInt(hostPort[1]))) {
            amqpHost = hostPort[0];
            amqpPort = Integer.parseInt(hostPort[1]);
            return;
        }
        try (var socket = new ServerSocket(0)) {
            amqpPort = socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            var broker = new EmbeddedAmqpBroker(amqpPort, Files.createTempDirectory("assets-amqp"));
            broker.start();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::stop));
            amqpHost = "127.0.0.1";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean reachable(String host, int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void execute(String url, String sql) {
        try (var connection = DriverManager.getConnection(url, "postgres", "");
             var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not run '" + sql + "' on " + url, e);
        }
    }
}
