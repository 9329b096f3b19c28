package app.assets.identity;

import static app.assets.support.TestUsers.PASSWORD;
import static app.assets.support.TestUsers.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import app.assets.base.security.Roles;
import app.assets.identity.service.AccountService;
import app.assets.identity.service.UserAdminService;
import app.assets.support.TestUsers;
import app.assets.support.WebIntegrationTest;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.TestPropertySource;

/**
 * Per-role idle timeouts hold while a tab stays open (issue 12, section 2): Vaadin's heartbeats, which
 * an open tab sends on its own, are not activity. Over real HTTP as a browser's Flow client talks to
 * the server: sign in, open a UI, then only heartbeats; once the role's idle timeout has passed the
 * tab's next request is refused and the session no longer signs anything in.
 */
@TestPropertySource(properties = "assets.identity.idle-timeout.AUDITOR=3s")
class IdleSessionTest extends WebIntegrationTest {

    private static final Pattern SECURITY_KEY = Pattern.compile("\"Vaadin-Security-Key\":\"([^\"]+)\"");
    private static final String SIGNED_IN_ONLY = "/listing-photos/0";
    private static final Pattern UI_ID = Pattern.compile("\"v-uiId\":(\\d+)");

    @LocalServerPort
    int port;

    @Autowired
    AccountService accounts;

    @Autowired
    UserAdminService admin;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient browser = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .build();

    private String uiId;
    private String securityKey;
    private int syncId;
    private int clientId;

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void anOpenTabThatOnlySendsHeartbeatsIsSignedOutAfterTheRolesIdleTimeout() throws Exception {
        signInAsAuditor();
        openUi();
        assertThat(uidl()).as("the UI works right after sign-in").contains("\"syncId\":1");

        // The tab stays open and its heartbeats keep coming, once a second, well within the 3 s timeout,
        // until the server stops accepting them: the idle UI was closed.
        await().atMost(Duration.ofSeconds(60))
                .pollDelay(Duration.ofSeconds(1))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> heartbeat() != 200);

        assertThat(uidl()).as("the tab's next request").contains("\"sessionExpired\":true");
        assertThat(whereAPageLoadEnds())
                .as("a reload or a new tab must sign in again: the session ended with the idle UI")
                .isEqualTo("/login");
    }

    @Test
    void heartbeatsAndRequestsWithinTheIdleTimeoutKeepTheSessionSignedIn() throws Exception {
        signInAsAuditor();
        openUi();

        assertThat(heartbeat()).isEqualTo(200);
        assertThat(uidl()).contains("\"syncId\":1");
        assertThat(heartbeat()).isEqualTo(200);
        assertThat(uidl()).contains("\"syncId\":2").doesNotContain("sessionExpired");
        assertThat(whereAPageLoadEnds()).as("still signed in").isEqualTo(SIGNED_IN_ONLY);
    }

    private void signInAsAuditor() throws Exception {
        String email = uniqueEmail("idle");
        long id = new TestUsers(accounts, jdbc).verified(email);
        actAs("admin@assets.local");
        admin.grantRole(id, Roles.AUDITOR);
        SecurityContextHolder.clearContext();
        var response = send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + URLEncoder.encode(email, StandardCharsets.UTF_8)
                        + "&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8))));
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
    }

    /** What Flow's client does when a page loads: ask the server for a UI of its own. */
    private void openUi() throws Exception {
        String init = send(HttpRequest.newBuilder(uri("/?v-r=init&location=wallet"))
                        .GET())
                .body();
        uiId = find(UI_ID, init);
        securityKey = find(SECURITY_KEY, init);
        syncId = 0;
        clientId = 0;
    }

    /** One of the UI's own round trips, as a click or a navigation sends it (no changes). */
    private String uidl() throws Exception {
        String body = send(HttpRequest.newBuilder(uri("/?v-r=uidl&v-uiId=" + uiId))
                        .header("Content-Type", "application/json; charset=UTF-8")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"csrfToken\":\"" + securityKey
                                + "\",\"rpc\":[],\"syncId\":" + syncId + ",\"clientId\":" + clientId + "}")))
                .body();
        var sync = Pattern.compile("\"syncId\":(\\d+)").matcher(body);
        if (sync.find()) {
            syncId = Integer.parseInt(sync.group(1));
            clientId++;
        }
        return body;
    }

    /** The heartbeat an open tab sends by itself (every five minutes by default). */
    private int heartbeat() throws Exception {
        return send(HttpRequest.newBuilder(uri("/?v-r=heartbeat&v-uiId=" + uiId))
                        .header("Content-Type", "text/plain; charset=UTF-8")
                        .POST(HttpRequest.BodyPublishers.noBody()))
                .statusCode();
    }

    /**
     * Where a load of a page for signed-in users only ends: the sign-in page's path, or the page itself.
     * A listing photo rather than a view, because the views' page needs the frontend bundle, which
     * tests do not build; the security chain guards both alike.
     */
    private String whereAPageLoadEnds() throws Exception {
        var response = send(HttpRequest.newBuilder(uri(SIGNED_IN_ONLY)).GET());
        return response.statusCode() / 100 == 3
                ? URI.create(response.headers().firstValue("Location").orElseThrow())
                        .getPath()
                : SIGNED_IN_ONLY;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String find(Pattern pattern, String text) {
        var matcher = pattern.matcher(text);
        assertThat(matcher.find()).as("%s in %s", pattern, text).isTrue();
        return matcher.group(1);
    }
}
