package app.assets.identity;

import static app.assets.support.TestUsers.PASSWORD;
import static app.assets.support.TestUsers.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import app.assets.identity.security.AccountHeldBackException;
import app.assets.identity.service.AccountService;
import app.assets.identity.service.LoginThrottle;
import app.assets.support.TestUsers;
import app.assets.support.WebIntegrationTest;
import jakarta.servlet.http.Cookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.WebAttributes;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

class SignInTest extends WebIntegrationTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @LocalServerPort
    int port;

    TestUsers users;

    @BeforeEach
    void setUp() {
        users = new TestUsers(accounts, jdbc);
    }

    @Test
    void theRightPasswordSignsInAndStartsASession() throws Exception {
        String email = uniqueEmail("signin");
        users.verified(email);

        MvcResult result = signIn(email, PASSWORD, freshAddress())
                .andExpect(status().is3xxRedirection())
                .andExpect(authenticated().withUsername(email))
                .andReturn();
        assertThat(result.getResponse().getRedirectedUrl()).doesNotContain("error");
        assertThat(result.getRequest().getSession(false)).isNotNull();
        assertThat(jdbc.sql("select count(*) from notifications where event = 'NEW_SIGN_IN' and recipient = ?")
                        .param(email)
                        .query(Integer.class)
                        .single())
                .as("the user is told about the new sign-in")
                .isEqualTo(1);
    }

    @Test
    void aWrongPasswordIsSentBackToTheLoginPage() throws Exception {
        String email = uniqueEmail("wrong");
        users.verified(email);

        signIn(email, "not-the-password", freshAddress())
                .andExpect(redirectedUrl("/login?error"))
                .andExpect(unauthenticated());
    }

    @Test
    void fourFailuresLeaveTheAccountOpen() throws Exception {
        String email = uniqueEmail("four");
        users.verified(email);
        String address = freshAddress();
        for (int i = 0; i < 4; i++) {
            signIn(email, "not-the-password", address).andExpect(redirectedUrl("/login?error"));
        }

        signIn(email, PASSWORD, address).andExpect(authenticated().withUsername(email));
    }

    @Test
    void fiveFailuresLockTheAccountAtThatAddressEvenAgainstTheRightPasswordButNotTheOwnerElsewhere() throws Exception {
        String email = uniqueEmail("five");
        users.verified(email);
        String home = freshAddress();
        signIn(email, PASSWORD, home).andExpect(authenticated().withUsername(email));
        String attacker = freshAddress();
        for (int i = 0; i < 5; i++) {
            signIn(email, "not-the-password", attacker).andExpect(redirectedUrl("/login?error"));
        }

        signIn(email, PASSWORD, attacker)
                .andExpect(redirectedUrl("/login?error"))
                .andExpect(unauthenticated());
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'lockout' and actor = ?")
                        .param(email)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        // the owner, at an address they signed in from before, is not locked out by someone else's failures
        signIn(email, PASSWORD, home).andExpect(authenticated().withUsername(email));
    }

    @Test
    void manyFailuresFromManyAddressesHoldTheAccountBackForUnfamiliarAddressesOnly() throws Exception {
        String email = uniqueEmail("spread");
        users.verified(email);
        String home = freshAddress();
        signIn(email, PASSWORD, home).andExpect(authenticated().withUsername(email));
        // As if the account had failed 12 times from other addresses in this window (never five from one).
        jdbc.sql("insert into login_throttle (throttle_key, failures, window_started) values (?, 12, now())")
                .param(LoginThrottle.accountKey(email))
                .update();
        signIn(email, "not-the-password", freshAddress()).andExpect(redirectedUrl("/login?error"));

        MvcResult heldBack = signIn(email, PASSWORD, freshAddress())
                .andExpect(redirectedUrl("/login?error"))
                .andExpect(unauthenticated())
                .andReturn();
        assertThat(heldBack.getRequest().getSession().getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION))
                .isInstanceOf(AccountHeldBackException.class);
        assertThat(jdbc.sql(
                                "select extract(epoch from blocked_until - now()) from login_throttle where throttle_key = ?")
                        .param(LoginThrottle.accountKey(email))
                        .query(Double.class)
                        .single())
                .as("the delay doubles per failure (2^8 s here) but stops at max-account-delay (1 min)")
                .isBetween(30.0, 60.0);
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'signin.delay' and actor = ?")
                        .param(email)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);

        signIn(email, PASSWORD, home).andExpect(authenticated().withUsername(email));
        // the owner's sign-in cleared the account's count
        signIn(email, PASSWORD, freshAddress()).andExpect(authenticated().withUsername(email));
    }

    @Test
    void twentyFailuresFromOneAddressAcrossAccountsThrottleThatAddress() throws Exception {
        String email = uniqueEmail("victim");
        users.verified(email);
        String address = freshAddress();
        // 19 failures over five other accounts (never five on one, so no account lockout).
        for (int i = 0; i < 19; i++) {
            signIn("guess-" + (i % 5) + "-" + email, "not-the-password", address)
                    .andExpect(redirectedUrl("/login?error"));
        }
        signIn(email, PASSWORD, address).andExpect(authenticated().withUsername(email));

        signIn("guess-5-" + email, "not-the-password", address).andExpect(redirectedUrl("/login?error"));

        signIn(email, PASSWORD, address).andExpect(unauthenticated());
        signIn(email, PASSWORD, freshAddress()).andExpect(authenticated().withUsername(email));
        assertThat(jdbc.sql("select count(*) from audit_log where action = 'lockout' and details like ?")
                        .param("%" + address + "%")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void anUnverifiedAccountCannotSignIn() throws Exception {
        String email = uniqueEmail("unverified");
        users.unverified(email);

        signIn(email, PASSWORD, freshAddress())
                .andExpect(redirectedUrl("/login?error"))
                .andExpect(unauthenticated());
    }

    @Test
    void rememberMeIssuesAPersistentTokenWhenAsked() throws Exception {
        String email = uniqueEmail("remember");
        users.verified(email);

        MvcResult result = mvc.perform(post("/login")
                        .param("username", email)
                        .param("password", PASSWORD)
                        .cookie(new Cookie("assets-remember", "1"))
                        .with(csrf())
                        .with(from(freshAddress())))
                .andExpect(authenticated().withUsername(email))
                .andReturn();

        Cookie rememberMe = result.getResponse().getCookie("remember-me");
        assertThat(rememberMe).isNotNull();
        assertThat(rememberMe.getValue()).isNotBlank();
        assertThat(rememberMe.isHttpOnly()).isTrue();
        assertThat(rememberMe.getMaxAge()).isPositive();
        assertThat(jdbc.sql("select count(*) from persistent_logins where username = ?")
                        .param(email)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void withoutTheRememberChoiceNoPersistentTokenIsIssued() throws Exception {
        String email = uniqueEmail("forget");
        users.verified(email);

        MvcResult result = signIn(email, PASSWORD, freshAddress())
                .andExpect(authenticated())
                .andReturn();

        assertThat(result.getResponse().getCookie("remember-me")).isNull();
        assertThat(jdbc.sql("select count(*) from persistent_logins where username = ?")
                        .param(email)
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void anonymousVisitorsAreSentToTheLoginPage() throws Exception {
        mvc.perform(get("/")).andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/login"));
    }

    @Test
    void theSessionCookieIsHttpOnly() throws Exception {
        // A real container sets the session cookie; MockMvc has none, so ask the running server.
        HttpResponse<Void> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());

        String sessionCookie = response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("JSESSIONID="))
                .findFirst()
                .orElseThrow();
        assertThat(sessionCookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
    }

    @Test
    void theIdleTimeoutFollowsTheShortestOfTheUsersRoles() throws Exception {
        // ADMIN: 15 minutes, AUDITOR: 20, everyone else the 30-minute default (application.properties).
        var admin =
                signIn("admin@assets.local", "demo-assets-2026", freshAddress()).andReturn();
        assertThat(admin.getRequest().getSession(false).getMaxInactiveInterval())
                .isEqualTo(15 * 60);
        var auditor = signIn("auditor@assets.local", "demo-assets-2026", freshAddress())
                .andReturn();
        assertThat(auditor.getRequest().getSession(false).getMaxInactiveInterval())
                .isEqualTo(20 * 60);
        var lender = signIn("lender@assets.local", "demo-assets-2026", freshAddress())
                .andReturn();
        assertThat(lender.getRequest().getSession(false).getMaxInactiveInterval())
                .isEqualTo(30 * 60);
    }

    @Test
    void signingInSetsTheLanguageCookieToTheUsersSavedLanguage() throws Exception {
        var lender = signIn("lender@assets.local", "demo-assets-2026", freshAddress())
                .andReturn();
        assertThat(lender.getResponse().getCookie("assets-lang")).isNotNull();
        assertThat(lender.getResponse().getCookie("assets-lang").getValue()).isEqualTo("fa");
        assertThat(lender.getResponse().getCookie("assets-lang").isHttpOnly()).isTrue();
    }

    private ResultActions signIn(String email, String password, String address) throws Exception {
        return mvc.perform(post("/login")
                .param("username", email)
                .param("password", password)
                .with(csrf())
                .with(from(address)));
    }
}
