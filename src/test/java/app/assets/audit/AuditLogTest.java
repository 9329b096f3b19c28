package app.assets.audit;

import static app.assets.support.TestUsers.PASSWORD;
import static app.assets.support.TestUsers.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import app.assets.identity.service.AccountService;
import app.assets.support.TestUsers;
import app.assets.support.WebIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

class AuditLogTest extends WebIntegrationTest {

    @Autowired
    AuditLog audit;

    @Autowired
    AuditQuery query;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    @Autowired
    AccountService accounts;

    TestUsers users;

    @BeforeEach
    void setUp() {
        users = new TestUsers(accounts, jdbc);
        audit.success("test.entry", "test", 1, "a row the database must keep");
    }

    // The application's role has no UPDATE, DELETE or TRUNCATE on the log at all (AppendOnlyTablesTest); the
    // triggers refuse even the schema's owner.
    @Test
    void theDatabaseRefusesToUpdateRows() {
        assertThatThrownBy(() -> ownerJdbc()
                        .sql("update audit_log set details = 'rewritten'")
                        .update())
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining("append-only: UPDATE refused");
        assertThat(jdbc.sql("select count(*) from audit_log where details = 'rewritten'")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void theDatabaseRefusesToDeleteRows() {
        int before = rows();
        assertThatThrownBy(() -> ownerJdbc().sql("delete from audit_log").update())
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining("append-only: DELETE refused");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void theDatabaseRefusesToTruncateTheLog() {
        int before = rows();
        assertThatThrownBy(() -> ownerJdbc().sql("truncate audit_log").update())
                .isInstanceOf(DataAccessException.class)
                .rootCause()
                .hasMessageContaining("append-only: TRUNCATE refused");
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void signInSuccessAndFailureAreRecordedWithActorAndClientAddress() throws Exception {
        String email = uniqueEmail("audited");
        users.verified(email);
        String address = freshAddress();

        mvc.perform(post("/login")
                        .param("username", email)
                        .param("password", "not-the-password")
                        .with(csrf())
                        .with(from(address)))
                .andExpect(unauthenticated());
        mvc.perform(post("/login")
                        .param("username", email)
                        .param("password", PASSWORD)
                        .with(csrf())
                        .with(from(address)))
                .andExpect(authenticated());

        var signIns = jdbc.sql(
                        "select outcome, client_address, method from audit_log where action = 'signin' and actor = ? order by id")
                .param(email)
                .query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3))
                .list();
        assertThat(signIns)
                .containsExactly("FAILURE " + address + " POST /login", "SUCCESS " + address + " POST /login");
    }

    @Test
    @WithMockUser(username = "auditor@assets.local", authorities = "audit.read")
    void findFiltersByActorAndOutcome() {
        String email = uniqueEmail("filtered");
        audit.recordAs(email, "signin", AuditOutcome.FAILURE, "first");
        audit.recordAs(email, "signin", AuditOutcome.SUCCESS, "second");
        audit.recordAs("someone-else-" + email, "signin", AuditOutcome.FAILURE, "other");

        var failures =
                query.find(new AuditQuery.Filter(email.toUpperCase(), null, AuditOutcome.FAILURE, null, null), 0, 50);
        assertThat(failures).extracting(AuditEntry::details).containsExactlyInAnyOrder("first", "other");
        assertThat(failures).allSatisfy(e -> assertThat(e.outcome()).isEqualTo(AuditOutcome.FAILURE));

        var all = query.find(new AuditQuery.Filter("someone-else-" + email, "signin", null, null, null), 0, 50);
        assertThat(all).extracting(AuditEntry::actor).containsExactly("someone-else-" + email);
        assertThat(query.count(new AuditQuery.Filter(email, null, AuditOutcome.SUCCESS, null, null)))
                .isEqualTo(1);
    }

    @Test
    @WithMockUser(
            username = "support@assets.local",
            authorities = {"user.read", "user.manage"})
    void readingTheLogNeedsAuditRead() {
        assertThatThrownBy(() -> query.find(AuditQuery.Filter.none(), 0, 10)).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> query.count(AuditQuery.Filter.none())).isInstanceOf(AccessDeniedException.class);
        assertThat(jdbc.sql(
                                "select count(*) from audit_log where action = 'access.denied' and actor = 'support@assets.local'")
                        .query(Integer.class)
                        .single())
                .isGreaterThanOrEqualTo(2);
    }

    private int rows() {
        return jdbc.sql("select count(*) from audit_log").query(Integer.class).single();
    }
}
