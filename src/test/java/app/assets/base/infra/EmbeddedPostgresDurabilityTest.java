package app.assets.base.infra;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded PostgreSQL of a local run keeps the data it promises to keep: fsync, synchronous
 * commit and full page writes are on (zonky's builder turns the first two off, which is right only
 * for throw-away test databases).
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

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
