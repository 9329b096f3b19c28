package app.assets.identity;

import static app.assets.support.TestUsers.PASSWORD;
import static app.assets.support.TestUsers.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import app.assets.base.security.Permissions;
import app.assets.base.security.Roles;
import app.assets.identity.service.AccountService;
import app.assets.identity.service.PermissionMatrix;
import app.assets.identity.service.UserAdminService;
import app.assets.support.TestUsers;
import app.assets.support.WebIntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Sessions end when rights end: an open session of a locked user, of a user who lost a role, of
 * everybody holding a role whose permissions changed, and a user's other sessions after a password
 * change, are refused on their very next request (Vaadin then shows its session-expired notice and
 * the sign-in page). Over real HTTP sessions through the whole filter chain.
 */
class SessionRevocationTest extends WebIntegrationTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    AccountService accounts;

    @Autowired
    UserAdminService admin;

    @Autowired
    PermissionMatrix matrix;

    @Autowired
    JdbcClient jdbc;

    TestUsers users;

    @BeforeEach
    void setUp() {
        users = new TestUsers(accounts, jdbc);
    }

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void lockingAUserEndsTheirOpenSessionOnItsNextRequest() throws Exception {
        String email = uniqueEmail("locked");
        long id = users.verified(email);
        var session = signIn(email);
        next(session).andExpect(authenticated().withUsername(email));

        actAs("admin@assets.local");
        admin.setLocked(id, true);

        next(session).andExpect(unauthenticated());
        assertThat(session.isInvalid()).isTrue();
    }

    @Test
    void aDismissedStaffMembersOpenSessionCanDoNothingMore() throws Exception {
        String email = uniqueEmail("dismissed");
        long id = users.verified(email);
        actAs("admin@assets.local");
        admin.grantRole(id, Roles.SUPPORT);
        SecurityContextHolder.clearContext();
        var session = signIn(email);
        next(session).andExpect(authenticated().withUsername(email));

        actAs("admin@assets.local");
        admin.revokeRole(id, Roles.SUPPORT);

        next(session).andExpect(unauthenticated());
        var again = signIn(email);
        next(again).andExpect(authenticated().withUsername(email));
    }

    @Test
    void aChangedPermissionEndsTheSessionsOfEveryoneWithTheRoleOnly() throws Exception {
        String auditor = uniqueEmail("auditor");
        String other = uniqueEmail("other");
        long auditorId = users.verified(auditor);
        users.verified(other);
        actAs("admin@assets.local");
        admin.grantRole(auditorId, Roles.AUDITOR);
        SecurityContextHolder.clearContext();
        var auditorSession = signIn(auditor);
        var otherSession = signIn(other);

        actAs("admin@assets.local");
        matrix.set(
                Roles.AUDITOR,
                Permissions.REPORT_EXPORT,
                !matrix.grants().get(Roles.AUDITOR).contains(Permissions.REPORT_EXPORT));
        matrix.set(
                Roles.AUDITOR,
                Permissions.REPORT_EXPORT,
                !matrix.grants().get(Roles.AUDITOR).contains(Permissions.REPORT_EXPORT));

        next(auditorSession).andExpect(unauthenticated());
        next(otherSession).andExpect(authenticated().withUsername(other));
    }

    @Test
    void changingOnesPasswordEndsTheOtherSessionsAndKeepsThisOne() throws Exception {
        String email = uniqueEmail("password");
        long id = users.verified(email);
        var here = signIn(email);
        var elsewhere = signIn(email);

        var request = new MockHttpServletRequest();
        request.setSession(here);
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
        accounts.changePassword(id, PASSWORD, PASSWORD + "-changed");
        RequestContextHolder.resetRequestAttributes();

        next(here).andExpect(authenticated().withUsername(email));
        next(elsewhere).andExpect(unauthenticated());
        assertThat(jdbc.sql("select count(*) from persistent_logins where username = ?")
                        .param(email)
                        .query(Integer.class)
                        .single())
                .as("no remember-me token signs the old password back in")
                .isZero();
    }

    private MockHttpSession signIn(String email) throws Exception {
        var result = mvc.perform(post("/login")
                        .param("username", email)
                        .param("password", PASSWORD)
                        .with(csrf())
                        .with(from(freshAddress())))
                .andExpect(authenticated().withUsername(email))
                .andReturn();
        return (MockHttpSession) result.getRequest().getSession(false);
    }

    /** The session's next request, as an open tab makes it. */
    private ResultActions next(MockHttpSession session) throws Exception {
        return mvc.perform(get("/tickets").session(session));
    }
}
