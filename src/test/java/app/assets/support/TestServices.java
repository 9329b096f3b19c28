package app.assets.support;

import app.assets.base.infra.DatabaseRoles;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The real services tests run against: the machine's PostgreSQL and RabbitMQ. Each Spring context
 * gets a database of its own ({@link #freshDatabase()}) and its own exchange and queue names
 * ({@link #freshAmqpPrefix()}), so contexts that follow each other in one test JVM never see each
 * other's rows or messages. Databases are dropped when the JVM exits, and those left behind by a
 * JVM that was killed are dropped by the next run. Where a machine has neither server running, an
 * embedded PostgreSQL and AMQP broker take their place so the tests still talk to real servers.
 * Override with ASSETS_TEST_PG (host:port, default 127.0.0.1:5432) and ASSETS_TEST_AMQP (host:port).
 */
public final class TestServices {

    /**
     * The roles test databases are made for, as in production (ops/postgres/init-roles.sh): Flyway
     * migrates as the owner, the application works as a role that only reads and writes rows
     * ({@link DatabaseRoles}). Fixtures that change the schema or go behind the ledger's back use
     * the owner ({@code IntegrationTest.ownerJdbc()}). Shared by every test run on the server, never dropped.
     */
    public static final String OWNER_ROLE = "assets_test_owner";

    public static final String APP_ROLE = "assets_test_app";

    private static final String DATABASE_PREFIX = "assets_test_";
    private static final Pattern OWN_DATABASE = Pattern.compile(DATABASE_PREFIX + "(\\d+)_.*");
    private static final long PID = ProcessHandle.current().pid();
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /** URL of the maintenance database of the server the test databases live on. */
    private static String adminUrl;

    private static String serverUrl;
    private static final List<String> created = new ArrayList<>();
    private static String jvmDatabase;
    private static String amqpHost;
    private static int amqpPort;

    /**
     * {@code -Dbench.database=name}: every context of this run uses that database, kept between runs
     * (a benchmark run alone seeds it once and reuses it); unset, each context gets a fresh one.
     */
    private static final String KEPT_DATABASE = System.getProperty("bench.database", "");

    private TestServices() {}

    /**
     * A supplier that creates a new, empty database on first use and then always answers its URL:
     * registered in a {@code @DynamicPropertySource}, which Spring calls once per context it builds,
     * it gives every context its own database.
     */
    public static Supplier<String> freshDatabase() {
        return new Supplier<>() {
            private String url;

            @Override
            public synchronized String get() {
                if (url == null) {
                    url = KEPT_DATABASE.isEmpty() ? newDatabase() : keptDatabase(KEPT_DATABASE);
                }
                return url;
            }
        };
    }

    /** Like {@link #freshDatabase()} for the prefix of the notification exchanges and queues. */
    public static Supplier<String> freshAmqpPrefix() {
        String prefix = "test-" + PID + "-" + (System.nanoTime() % 1_000_000) + "-" + SEQUENCE.incrementAndGet();
        return () -> prefix;
    }

    private static final String JVM_AMQP_PREFIX = freshAmqpPrefix().get();

    /** One prefix for the whole JVM (for benchmarks and seeding tools). */
    public static String amqpPrefix() {
        return JVM_AMQP_PREFIX;
    }

    /** One database for the whole JVM, created on first use (for benchmarks and seeding tools). */
    public static synchronized String jdbcUrl() {
        if (jvmDatabase == null) {
            jvmDatabase = newDatabase();
        }
        return jvmDatabase;
    }

    /**
     * The JDBC URL of a database kept between runs under this name, created empty if it does not
     * exist and never dropped: for benchmarks that seed once and are rerun against the same data
     * ({@code -Dbench.database=search_bench}, one benchmark class at a time); drop it by hand when done.
     */
    public static synchronized String keptDatabase(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
        startPostgres();
        try (var connection = DriverManager.getConnection(adminUrl, "postgres", "");
                var statement = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            statement.setString(1, name);
            if (!statement.executeQuery().next()) {
                execute(adminUrl, "create database " + name);
                prepareRoles(serverUrl + name);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return serverUrl + name;
    }

    /** Creates a new empty database, dropped when the JVM exits, and answers its JDBC URL. */
    public static synchronized String newDatabase() {
        startPostgres();
        String database =
                DATABASE_PREFIX + PID + "_" + (System.nanoTime() % 1_000_000) + "_" + SEQUENCE.incrementAndGet();
        execute(adminUrl, "create database " + database);
        created.add(database);
        prepareRoles(serverUrl + database);
        return serverUrl + database;
    }

    private static void prepareRoles(String url) {
        try (var connection = DriverManager.getConnection(url, "postgres", "")) {
            DatabaseRoles.prepare(connection, OWNER_ROLE, APP_ROLE);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the roles of " + url, e);
        }
    }

    private static void startPostgres() {
        if (adminUrl != null) {
            return;
        }
        String pg = System.getenv().getOrDefault("ASSETS_TEST_PG", "127.0.0.1:5432");
        String[] hostPort = pg.split(":");
        if (reachable(hostPort[0], Integer.parseInt(hostPort[1]))) {
            serverUrl = "jdbc:postgresql://" + pg + "/";
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
                serverUrl = "jdbc:postgresql://127.0.0.1:" + embedded.getPort() + "/";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        adminUrl = serverUrl + "postgres";
        dropDatabasesOfDeadRuns();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            synchronized (TestServices.class) {
                created.forEach(database -> execute(adminUrl, "drop database if exists " + database + " with (force)"));
            }
        }));
    }

    /** A test JVM that was killed never dropped its databases: drop those whose process is gone. */
    private static void dropDatabasesOfDeadRuns() {
        var leftovers = new ArrayList<String>();
        try (var connection = DriverManager.getConnection(adminUrl, "postgres", "");
                var statement = connection.createStatement();
                var rows = statement.executeQuery(
                        "select datname from pg_database where datname like '" + DATABASE_PREFIX + "%'")) {
            while (rows.next()) {
                var matcher = OWN_DATABASE.matcher(rows.getString(1));
                if (matcher.matches()
                        && ProcessHandle.of(Long.parseLong(matcher.group(1))).isEmpty()) {
                    leftovers.add(rows.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not list the test databases on " + adminUrl, e);
        }
        leftovers.forEach(database -> execute(adminUrl, "drop database if exists " + database + " with (force)"));
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
