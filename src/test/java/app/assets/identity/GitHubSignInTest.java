package app.assets.identity;

import static app.assets.support.TestUsers.uniqueEmail;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import app.assets.identity.service.AccountService;
import app.assets.support.IntegrationTest;
import app.assets.support.TestUsers;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Signs in with GitHub over real HTTP, WireMock standing in for GitHub's authorize, token, user and
 * user/emails endpoints (Spring's built-in GitHub provider with its URIs pointed at WireMock). Only
 * the verified primary address from {@code /user/emails} links or creates an account, never the
 * profile's public email; a staff account's address goes to the password step first.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GitHubSignInTest extends IntegrationTest {

    static final WireMockServer GITHUB =
            new WireMockServer(WireMockConfiguration.options().dynamicPort());
    static final AtomicLong IDS = new AtomicLong(9_000_000);

    static {
        GITHUB.start();
    }

    @DynamicPropertySource
    static void github(DynamicPropertyRegistry registry) {
        String client = "spring.security.oauth2.client.registration.github.";
        registry.add(client + "client-id", () -> "gh-client");
        registry.add(client + "client-secret", () -> "gh-secret");
        String provider = "spring.security.oauth2.client.provider.github.";
        registry.add(provider + "authorization-uri", () -> GITHUB.baseUrl() + "/login/oauth/authorize");
        registry.add(provider + "token-uri", () -> GITHUB.baseUrl() + "/login/oauth/access_token");
        registry.add(provider + "user-info-uri", () -> GITHUB.baseUrl() + "/user");
    }

    @AfterAll
    static void stopGitHub() {
        GITHUB.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccountService accounts;

    TestUsers users;

    @BeforeEach
    void setUp() {
        users = new TestUsers(accounts, jdbc);
        GITHUB.resetAll();
    }

    @Test
    void theVerifiedPrimaryEmailCreatesTheAccountNotTheProfilesPublicOne() throws Exception {
        String primary = uniqueEmail("gh-primary");
        String publicEmail = uniqueEmail("gh-public");
        long id =
                gitHubAccount(publicEmail, entry(uniqueEmail("gh-secondary"), false, true), entry(primary, true, true));

        assertThat(signIn()).isEqualTo("/");

        assertThat(userId(primary)).as("the verified primary address").isNotNull();
        assertThat(userId(publicEmail)).as("the profile's public email").isNull();
        assertThat(linkedUser(id)).isEqualTo(userId(primary));
        GITHUB.verify(getRequestedFor(urlPathEqualTo("/user/emails"))
                .withHeader("Authorization", equalTo("Bearer token-" + id)));
    }

    @Test
    void withoutAVerifiedPrimaryEmailNothingIsCreatedOrLinked() throws Exception {
        // Someone put the victim's address in their public profile and as an unverified primary.
        String victim = uniqueEmail("gh-victim");
        users.verified(victim);
        String secondary = uniqueEmail("gh-verified-secondary");
        long id = gitHubAccount(victim, entry(victim, true, false), entry(secondary, false, true));
        int usersBefore = count("users");

        assertThat(signIn()).isEqualTo("/login?error");

        assertThat(linkedUser(id)).isNull();
        assertThat(userId(secondary)).isNull();
        assertThat(count("users")).isEqualTo(usersBefore);
    }

    @Test
    void anAnswerWithoutEmailsIsRefusedToo() throws Exception {
        long id = IDS.incrementAndGet();
        stubGitHub(id, uniqueEmail("gh-public"), null);
        GITHUB.stubFor(
                get(urlPathEqualTo("/user/emails")).willReturn(aResponse().withStatus(403)));
        int usersBefore = count("users");

        assertThat(signIn()).isEqualTo("/login?error");

        assertThat(linkedUser(id)).isNull();
        assertThat(count("users")).isEqualTo(usersBefore);
    }

    @Test
    void aPlainUsersVerifiedAccountIsLinkedAtOnce() throws Exception {
        String email = uniqueEmail("gh-plain");
        long userId = users.verified(email);
        long id = gitHubAccount(null, entry(email, true, true));

        assertThat(signIn()).isEqualTo("/");

        assertThat(linkedUser(id)).isEqualTo(userId);
    }

    @Test
    void aStaffAccountGoesToThePasswordStepAndIsNotLinkedYet() throws Exception {
        String email = uniqueEmail("gh-staff");
        long userId = users.verified(email);
        jdbc.sql("insert into user_roles (user_id, role_code) values (?, 'SUPPORT')")
                .param(userId)
                .update();
        long id = gitHubAccount(null, entry(email, true, true));

        assertThat(signIn()).isEqualTo("/link-account");

        assertThat(linkedUser(id)).isNull();
        assertThat(jdbc.sql(
                                "select count(*) from audit_log where action = 'oauth.link' and actor = ? and outcome = 'DENIED'")
                        .param(email)
                        .query(Integer.class)
                        .single())
                .isOne();
    }

    /** Stubs a GitHub account with this public profile email and these /user/emails entries; returns its id. */
    private long gitHubAccount(String publicEmail, String... entries) {
        long id = IDS.incrementAndGet();
        stubGitHub(id, publicEmail, "[" + String.join(",", entries) + "]");
        return id;
    }

    private static void stubGitHub(long id, String publicEmail, String emails) {
        GITHUB.stubFor(post(urlPathEqualTo("/login/oauth/access_token"))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"access_token\":\"token-" + id
                                + "\",\"token_type\":\"bearer\",\"scope\":\"read:user,user:email\"}")));
        GITHUB.stubFor(get(urlPathEqualTo("/user"))
                .withHeader("Authorization", equalTo("Bearer token-" + id))
                .willReturn(aResponse()
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"id\":" + id + ",\"login\":\"octo" + id + "\",\"name\":\"Octo Cat\",\"email\":"
                                + (publicEmail == null ? "null" : "\"" + publicEmail + "\"") + "}")));
        if (emails != null) {
            GITHUB.stubFor(get(urlPathEqualTo("/user/emails"))
                    .withHeader("Authorization", equalTo("Bearer token-" + id))
                    .willReturn(aResponse()
                            .withHeader("Content-Type", "application/json")
                            .withBody(emails)));
        }
    }

    private static String entry(String email, boolean primary, boolean verified) {
        return "{\"email\":\"" + email + "\",\"primary\":" + primary + ",\"verified\":" + verified
                + ",\"visibility\":null}";
    }

    /**
     * The browser's part: starts at Assets, takes the state and redirect URI from the redirect to
     * GitHub's authorize page, comes back with a code as GitHub would; returns where Assets sends it.
     */
    private String signIn() throws IOException, InterruptedException {
        var http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        var start = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/authorization/github"))
                        .header("Accept", "text/html")
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(start.statusCode()).isEqualTo(302);
        var authorize = URI.create(start.headers().firstValue("Location").orElseThrow());
        assertThat(authorize.toString()).startsWith(GITHUB.baseUrl() + "/login/oauth/authorize");
        Map<String, String> query = Arrays.stream(authorize.getRawQuery().split("&"))
                .map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> URLDecoder.decode(p[1], StandardCharsets.UTF_8)));
        assertThat(query.get("scope").split(" "))
                .as("Spring's GitHub default (read:user) plus the scope /user/emails needs")
                .containsExactlyInAnyOrder("read:user", "user:email");
        var back = http.send(
                HttpRequest.newBuilder(URI.create(query.get("redirect_uri") + "?code=the-code&state="
                                + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8)))
                        .header("Accept", "text/html")
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(back.statusCode()).isEqualTo(302);
        var landing = URI.create(back.headers().firstValue("Location").orElseThrow());
        return landing.getPath() + (landing.getQuery() == null ? "" : "?" + landing.getQuery());
    }

    private Long userId(String email) {
        return jdbc.sql("select id from users where email = ?")
                .param(email)
                .query(Long.class)
                .optional()
                .orElse(null);
    }

    private Long linkedUser(long gitHubId) {
        return jdbc.sql("select user_id from oauth_identities where provider = 'github' and subject = ?")
                .param(String.valueOf(gitHubId))
                .query(Long.class)
                .optional()
                .orElse(null);
    }

    private int count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Integer.class).single();
    }
}
