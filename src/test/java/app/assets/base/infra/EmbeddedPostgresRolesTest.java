package app.assets.base.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code ./mvnw spring-boot:run} starts splits the roles like production: Flyway migrates as
 * {@code assets_owner}, the application works as {@code assets_app}, which cannot rewrite the
 * append-only tables nor switch their triggers off. A data folder of an older version (everything
 * owned by the superuser) is handed over on the next start.
 */
class EmbeddedPostgresRolesTest {

    @Test
    void theEmbeddedDefaultMigratesAsTheOwnerAndRunsAsTheApplicationsRole(@TempDir Path data)
            throws IOException, SQLException {
        var configuration = new EmbeddedPostgresConfiguration();
        try (var postgres = configuration.embeddedPostgres(new EmbeddedServicesProperties(data, freePort(), 0))) {
            var flyway = Flyway.configure().locations("classpath:db/migration");
            configuration.embeddedFlywayRunsAsOwner(postgres).customize(flyway);
            flyway.load().migrate();
            try (var app = (com.zaxxer.hikari.HikariDataSource) configuration.dataSource(postgres);
                    var connection = app.getConnection();
                    var statement = connection.createStatement()) {
                try (var rs = statement.executeQuery(
                        "select current_user, (select tableowner from pg_tables where tablename = 'audit_log')")) {
                    rs.next();
                    assertThat(rs.getString(1)).isEqualTo(DatabaseRoles.EMBEDDED_APP);
                    assertThat(rs.getString(2)).isEqualTo(DatabaseRoles.EMBEDDED_OWNER);
                }
                statement.execute("insert into audit_log (action, outcome) values ('roles.test', 'SUCCESS')");
                assertThatThrownBy(() -> statement.execute("delete from audit_log"))
                        .hasMessageContaining("permission denied for table audit_log");
                assertThatThrownBy(() -> statement.execute("alter table audit_log disable trigger all"))
                        .hasMessageContaining("must be owner");
                assertThatThrownBy(() -> statement.execute("set session_replication_role = replica"))
                        .hasMessageContaining("permission denied to set parameter");
            }
        }
    }

    @Test
    void tablesOfAnOlderDataFolderAreHandedToTheOwnerOnTheNextStart(@TempDir Path data)
            throws IOException, SQLException {
        int port = freePort();
        try (var older = EmbeddedPostgres.builder()
                        .setDataDirectory(data.resolve("postgres"))
                        .setCleanDataDirectory(false)
                        .setPort(port)
                        .start();
                var connection = older.getPostgresDatabase().getConnection();
                var statement = connection.createStatement()) {
            statement.execute("create table older_rows (id bigint generated always as identity, note text)");
        }
        var configuration = new EmbeddedPostgresConfiguration();
        try (var postgres = configuration.embeddedPostgres(new EmbeddedServicesProperties(data, port, 0));
                var app = (com.zaxxer.hikari.HikariDataSource) configuration.dataSource(postgres);
                var connection = app.getConnection();
                var statement = connection.createStatement()) {
            statement.execute("insert into older_rows (note) values ('still writable')");
            try (var rs = statement.executeQuery("select tableowner from pg_tables where tablename = 'older_rows'")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo(DatabaseRoles.EMBEDDED_OWNER);
            }
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
