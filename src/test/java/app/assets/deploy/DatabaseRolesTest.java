package app.assets.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.assets.base.infra.DatabaseRoles;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The two database roles ops/postgres/init-roles.sh creates (docker-compose.yml, docs/operations):
 * the owner runs every migration, the application's role reads and writes rows but changes no
 * schema, the ledger's tables included. Runs the script against the machine's PostgreSQL with names
 * of its own, and removes them afterwards.
 */
class DatabaseRolesTest {

    private static final String SUFFIX = ProcessHandle.current().pid() + "_" + System.nanoTime() % 100_000;
    private static final String DATABASE = "roles_test_" + SUFFIX;
    private static final String OWNER = "roles_owner_" + SUFFIX;
    private static final String APP = "roles_app_" + SUFFIX;
    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/" + DATABASE;

    @BeforeAll
    static void createRolesAndMigrateAsTheOwner() throws IOException, InterruptedException {
        var script = new ProcessBuilder("ops/postgres/init-roles.sh").redirectErrorStream(true);
        script.environment()
                .putAll(Map.of(
                        "PGHOST", "127.0.0.1",
                        "PGUSER", "postgres",
                        "ASSETS_DB_NAME", DATABASE,
                        "ASSETS_DB_OWNER", OWNER,
                        "ASSETS_DB_OWNER_PASSWORD", "owner-secret",
                        "ASSETS_DB_APP_USER", APP,
                        "ASSETS_DB_APP_PASSWORD", "app-secret"));
        var process = script.start();
        var output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        Flyway.configure()
                .dataSource(URL, OWNER, "owner-secret")
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    @AfterAll
    static void dropRolesAndDatabase() throws SQLException {
        try (var admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                var statement = admin.createStatement()) {
            statement.execute("drop database if exists " + DATABASE + " with (force)");
            statement.execute("drop role if exists " + APP);
            statement.execute("drop role if exists " + OWNER);
        }
    }

    private static Connection asApp() throws SQLException {
        return DriverManager.getConnection(URL, APP, "app-secret");
    }

    @Test
    void theApplicationRoleReadsAndWritesRows() throws SQLException {
        try (var app = asApp();
                var statement = app.createStatement()) {
            statement.execute("select count(*) from ledger_entries");
            statement.execute("select count(*) from flyway_schema_history");
            assertThat(statement.executeUpdate("insert into shedlock (name, lock_until, locked_at, locked_by)"
                            + " values ('roles-test', now(), now(), 'test')"))
                    .isEqualTo(1);
            assertThat(statement.executeUpdate("delete from shedlock where name = 'roles-test'"))
                    .isEqualTo(1);
        }
    }

    @Test
    void theApplicationRoleCannotRewriteTheAppendOnlyTablesNorSwitchTheirTriggersOff() throws SQLException {
        for (String table : DatabaseRoles.APPEND_ONLY_TABLES) {
            for (String sql : new String[] {
                "update " + table + " set id = default where false",
                "delete from " + table + " where false",
                "truncate " + table
            }) {
                try (var app = asApp();
                        var statement = app.createStatement()) {
                    assertThatThrownBy(() -> statement.execute(sql))
                            .as(sql)
                            .hasMessageContaining("permission denied for table " + table);
                }
            }
        }
        for (String sql :
                new String[] {"alter table audit_log disable trigger all", "set session_replication_role = replica"}) {
            try (var app = asApp();
                    var statement = app.createStatement()) {
                assertThatThrownBy(() -> statement.execute(sql))
                        .as(sql)
                        .hasMessageMatching("(?s).*(must be owner|permission denied).*");
            }
        }
    }

    @Test
    void theApplicationRoleCannotCreateTables() throws SQLException {
        try (var app = asApp();
                var statement = app.createStatement()) {
            assertThatThrownBy(() -> statement.execute("create table intruder (id int)"))
                    .hasMessageContaining("permission denied");
        }
    }

    @Test
    void theApplicationRoleCannotAlterDropOrTruncateTheLedger() throws SQLException {
        for (var ddl : new String[] {
            "alter table ledger_entries add column note text",
            "alter table ledger_accounts drop constraint if exists ledger_accounts_pkey cascade",
            "drop table ledger_transactions cascade",
            "truncate ledger_entries",
            "create index intruder on ledger_entries (amount)"
        }) {
            try (var app = asApp();
                    var statement = app.createStatement()) {
                assertThatThrownBy(() -> statement.execute(ddl))
                        .as(ddl)
                        .isInstanceOf(SQLException.class)
                        .hasMessageMatching("(?s).*(must be owner|permission denied).*");
            }
        }
    }
}
