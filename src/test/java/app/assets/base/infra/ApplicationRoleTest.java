package app.assets.base.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.assets.support.IntegrationTest;
import app.assets.support.TestServices;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The database defends itself against the application's own role (issue 12, section 7): the test
 * contexts connect as that role, as production does, and each refusal below comes from PostgreSQL's
 * privileges, not from our code. The embedded default of a local run makes the same split
 * ({@code EmbeddedPostgresRolesTest}); the compose installation's script too ({@code DatabaseRolesTest}).
 */
class ApplicationRoleTest extends IntegrationTest {

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theApplicationConnectsAsARoleThatIsNeitherOwnerNorSuperuser() {
        assertThat(jdbc.sql("select current_user").query(String.class).single()).isEqualTo(TestServices.APP_ROLE);
        assertThat(jdbc.sql("select rolsuper or rolcreaterole or rolcreatedb or rolbypassrls from pg_roles"
                                + " where rolname = current_user")
                        .query(Boolean.class)
                        .single())
                .isFalse();
        assertThat(jdbc.sql("select count(*) from pg_class where relowner = (select oid from pg_roles"
                                + " where rolname = current_user)")
                        .query(Integer.class)
                        .single())
                .as("objects the application's role owns")
                .isZero();
        assertThat(jdbc.sql("select tableowner from pg_tables where tablename = 'ledger_entries'")
                        .query(String.class)
                        .single())
                .isEqualTo(TestServices.OWNER_ROLE);
    }

    @Test
    void eachAppendOnlyTableRefusesUpdateDeleteAndTruncateToTheApplicationsRole() throws SQLException {
        for (String table : DatabaseRoles.APPEND_ONLY_TABLES) {
            for (String sql : List.of(
                    "update " + table + " set id = default where false",
                    "delete from " + table + " where false",
                    "truncate " + table)) {
                assertRefused(sql, "permission denied for table " + table);
            }
            // ... while the application still writes and reads them
            assertThat(jdbc.sql("select has_table_privilege(?, 'insert') and has_table_privilege(?, 'select')")
                            .params(table, table)
                            .query(Boolean.class)
                            .single())
                    .as(table)
                    .isTrue();
        }
    }

    @Test
    void theApplicationsRoleCannotSwitchTriggersOffInAnyWay() throws SQLException {
        assertRefused("alter table audit_log disable trigger audit_log_no_update_delete", "must be owner");
        assertRefused("alter table ledger_entries disable trigger all", "must be owner");
        assertRefused(
                "alter table ledger_accounts disable trigger ledger_accounts_balances_from_entries", "must be owner");
        assertRefused("set session_replication_role = replica", "permission denied to set parameter");
        assertRefused("set role " + TestServices.OWNER_ROLE, "permission denied to set role");
    }

    @Test
    void aBalanceColumnCannotBeUpdatedDirectly() throws SQLException {
        long account = jdbc.sql("select min(id) from ledger_accounts")
                .query(Long.class)
                .single();
        assertRefused(
                "update ledger_accounts set posted = posted + 1000000 where id = " + account,
                "balances change only through ledger entries and holds");
        assertRefused(
                "update ledger_accounts set held = held + 1 where id = " + account,
                "balances change only through ledger entries and holds");
    }

    private void assertRefused(String sql, String message) throws SQLException {
        try (var connection = dataSource.getConnection();
                var statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute(sql))
                    .as(sql)
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining(message);
        }
    }
}
