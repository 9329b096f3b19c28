package app.assets.api;

import static app.assets.support.TestUsers.PASSWORD;
import static app.assets.support.TestUsers.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import app.assets.base.api.ApiLimitProperties;
import app.assets.base.api.ApiRateLimitFilter;
import app.assets.identity.service.AccountService;
import app.assets.support.TestUsers;
import app.assets.support.WebIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API's rate limits and CORS rules (docs/api.md, "Rate limits and CORS"), through the whole
 * filter chain: an address's anonymous budget, a user's own budget wherever they call from, the
 * 429 problem with Retry-After in the caller's language, and which browser origins may call.
 */
class ApiLimitsTest extends WebIntegrationTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    ApiLimitProperties limits;

    @Autowired
    AccountService accounts;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anAddressWithoutATokenGetsItsBudgetThen429InItsLanguage() throws Exception {
        String address = freshAddress();
        for (int i = 0; i < limits.anonymous(); i++) {
            var reply = mvc.perform(get("/api/v1/users/me").with(from(address)))
                    .andReturn()
                    .getResponse();
            assertThat(reply.getStatus())
                    .as("call %d is within the budget", i + 1)
                    .isEqualTo(401);
            assertThat(reply.getHeader(ApiRateLimitFilter.REMAINING))
                    .isEqualTo(Integer.toString(limits.anonymous() - i - 1));
        }

        var refused = mvc.perform(get("/api/v1/users/me").with(from(address)).header(HttpHeaders.ACCEPT_LANGUAGE, "fa"))
                .andReturn()
                .getResponse();
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(Long.parseLong(refused.getHeader(HttpHeaders.RETRY_AFTER))).isBetween(1L, 60L);
        assertThat(refused.getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"code\":\"api.tooManyRequests\"", "درخواست‌ها بیش از حد مجاز است");

        assertThat(mvc.perform(post("/api/v1/auth/login")
                                .with(from(address))
                                .contentType(MediaType.APPLICATION_JSON)
                                .content("{\"email\":\"x@example.com\",\"password\":\"y\"}"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .as("sign-in attempts draw from the same budget")
                .isEqualTo(429);
        assertThat(mvc.perform(get("/api/v1/users/me").with(from(freshAddress())))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .as("another address has its own budget")
                .isEqualTo(401);
        assertThat(mvc.perform(get("/api/v1/health").with(from(address)))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .as("the health check is never counted")
                .isEqualTo(200);
    }

    @Test
    void aSignedInUserHasABudgetOfTheirOwnWhateverTheAddress() throws Exception {
        String token = signIn();
        for (int i = 0; i < limits.signedIn(); i++) {
            // Each call from a new address: the user's budget counts them all.
            int status = mvc.perform(get("/api/v1/users/me")
                            .with(from(freshAddress()))
                            .header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
                    .andReturn()
                    .getResponse()
                    .getStatus();
            assertThat(status).isEqualTo(200);
        }
        var refused = mvc.perform(get("/api/v1/users/me")
                        .with(from(freshAddress()))
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
                .andReturn()
                .getResponse();
        assertThat(refused.getStatus()).isEqualTo(429);
        assertThat(refused.getHeader(ApiRateLimitFilter.REMAINING)).isEqualTo("0");

        String other = signIn();
        assertThat(mvc.perform(get("/api/v1/users/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + other))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .as("another user is not held back")
                .isEqualTo(200);
    }

    @Test
    void onlyTheConfiguredOriginMayCallFromABrowserWithCookies() throws Exception {
        assertThat(limits.allowedOrigins()).containsExactly(PARTNER);
        MvcResult allowed = mvc.perform(options("/api/v1/wallet")
                        .with(from(freshAddress()))
                        .header(HttpHeaders.ORIGIN, PARTNER)
                        .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                        .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "content-type,idempotency-key"))
                .andReturn();
        assertThat(allowed.getResponse().getStatus()).isEqualTo(200);
        assertThat(allowed.getResponse().getHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN))
                .isEqualTo(PARTNER);
        assertThat(allowed.getResponse().getHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS))
                .isEqualTo("true");

        MvcResult refused = mvc.perform(options("/api/v1/wallet")
                        .with(from(freshAddress()))
                        .header(HttpHeaders.ORIGIN, "https://evil.example")
                        .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST"))
                .andReturn();
        assertThat(refused.getResponse().getStatus()).isEqualTo(403);
        assertThat(refused.getResponse().getHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN))
                .isNull();

        MvcResult simple = mvc.perform(get("/api/v1/health")
                        .with(from(freshAddress()))
                        .header(HttpHeaders.ORIGIN, "https://evil.example"))
                .andReturn();
        assertThat(simple.getResponse().getStatus())
                .as("a cross-origin read from an unknown page is refused too")
                .isEqualTo(403);
    }

    static final String PARTNER = "https://partner.example";

    private String signIn() throws Exception {
        String email = uniqueEmail("api-limits");
        new TestUsers(accounts, jdbc).verified(email);
        String body = mvc.perform(post("/api/v1/auth/login")
                        .with(from(freshAddress()))
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\"}"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        return JsonMapper.builder().build().readTree(body).get("accessToken").asString();
    }
}
